import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { DrainStats } from '../../notify/sender.js';
import { InputError } from '../../errors.js';
import { openApp, printJson, type GlobalOptions } from '../context.js';

// The actions of `regwatch mail`. Each sends through the app's sender (the transport the
// configuration resolved at load), as the daemon does; the mailer, the renderers and the store
// are loaded when an action runs (test/unit/cli-imports.test.ts).

/** What every mail command loads, on first use: the mailer, the renderers and the store. */
async function mailModules() {
  const [sender, digests, messageId, html, outbox] = await Promise.all([
    import('../../notify/sender.js'),
    import('../../notify/digests.js'),
    import('../../notify/render/message-id.js'),
    import('../../notify/render/html.js'),
    import('../../store/outbox.js'),
  ]);
  return { ...sender, ...digests, ...messageId, ...html, ...outbox };
}

/** `mail test <address>`: one test message through the configured transport. */
export async function runMailTest(
  address: string,
  opts: { json?: boolean },
  globals: GlobalOptions,
): Promise<void> {
  if (!/^[^\s@<>]+@[^\s@<>]+$/.test(address))
    throw new InputError(
      `"${address}" is not an e-mail address; expected something like me@example.com`,
    );
  const { testMessageId, mailDomain, esc } = await mailModules();
  const app = await openApp(globals);
  try {
    const { transport } = app.sender();
    const now = new Date();
    const messageId = testMessageId(
      now,
      randomBytes(6).toString('hex'),
      mailDomain(app.config.mail.from),
    );
    const text = `This is a test message from regwatch, sent ${now.toISOString()} through ${transport.describe()}.\nAlerts and digests will arrive the same way.\n`;
    const result = await transport.send({
      from: app.config.mail.from,
      to: address,
      subject: '[regwatch] Test message',
      text,
      html: `<!DOCTYPE html><html><body><p style="font-family:Arial,Helvetica,sans-serif;">${esc(text)}</p></body></html>`,
      attachments: [],
      inReplyTo: null,
      references: [],
      headers: { 'X-Regwatch-Test': '1' },
      messageId,
      date: now,
    });
    if (result.status !== 'sent')
      throw new InputError(
        `the message to ${address} was not sent via ${transport.describe()}: ${result.reason}`,
      );
    if (opts.json)
      printJson({
        ok: true,
        transport: transport.name,
        target: transport.describe(),
        to: address,
        messageId,
        response: result.response,
      });
    else
      console.log(
        `sent a test message to ${address} via ${transport.describe()} (${result.response})`,
      );
  } finally {
    app.close();
  }
}

/** `mail preview <alert-id>`: an alert's message as it would be sent, without sending it. */
export async function runMailPreview(
  alertIdText: string,
  opts: { to?: string; html?: string; json?: boolean },
  globals: GlobalOptions,
): Promise<void> {
  const alertId = Number(alertIdText);
  if (!Number.isInteger(alertId) || alertId <= 0)
    throw new InputError(`alert id "${alertIdText}" is not a positive whole number`);
  const { readAlert, listDeliveriesOfAlert, renderDelivery, alertMessageId, mailDomain } =
    await mailModules();
  const app = await openApp(globals);
  try {
    const alert = readAlert(app.db, alertId);
    if (!alert) throw new InputError(`no alert ${alertId} in ${app.config.database.path}`);
    const deliveries = listDeliveriesOfAlert(app.db, alertId);
    const chosen = opts.to
      ? deliveries.find((d) => d.email === opts.to!.toLowerCase())
      : deliveries[0];
    const email = chosen?.email ?? opts.to ?? 'preview@localhost';
    const group = chosen?.recipientGroup ?? '(preview)';
    const message = renderDelivery(
      app.db,
      app.config,
      { alertId, email, recipientGroup: group },
      new Date(),
    );
    const messageId =
      chosen?.messageId ?? alertMessageId(alertId, email, mailDomain(app.config.mail.from));
    if (opts.html) writeFileSync(opts.html, message.html);
    if (opts.json) {
      printJson({
        alertId,
        to: email,
        group,
        subject: message.subject,
        messageId,
        inReplyTo: message.inReplyTo,
        references: message.references,
        headers: message.headers,
        text: message.text,
        attachments: message.attachments.map((a) => a.filename),
        htmlBytes: Buffer.byteLength(message.html),
      });
      return;
    }
    const head = [
      `Subject: ${message.subject}`,
      `To: ${email} (group ${group})`,
      `From: ${app.config.mail.from}`,
      `Message-ID: ${messageId}`,
    ];
    if (message.inReplyTo) head.push(`In-Reply-To: ${message.inReplyTo}`);
    for (const a of message.attachments) head.push(`Attachment: ${a.filename}`);
    process.stdout.write(`${head.join('\n')}\n\n${message.text}`);
    if (opts.html) process.stderr.write(`HTML part written to ${opts.html}\n`);
  } finally {
    app.close();
  }
}

/**
 * `mail flush`: what is due now (immediate alerts, retries, due digests) through the app's
 * sender, as the daemon's mail task sends it. Exit 1 when no mail server answered.
 */
export async function runMailFlush(
  opts: { json?: boolean },
  globals: GlobalOptions,
): Promise<void> {
  const { drainOutbox, sendDueDigests } = await mailModules();
  const app = await openApp(globals);
  try {
    const sender = app.sender();
    const alerts = await drainOutbox(sender);
    const digests = await sendDueDigests(sender, app.now());
    const { transport } = sender;
    const report = { transport: transport.name, target: transport.describe(), alerts, digests };
    if (opts.json) printJson(report);
    else printFlush(report);
    if (alerts.stoppedBy || digests.stoppedBy) {
      process.stderr.write(
        `regwatch: the mail server could not be reached (${alerts.stoppedBy ?? digests.stoppedBy}); messages stay queued and are retried\n`,
      );
      process.exitCode = 1;
    }
  } finally {
    app.close();
  }
}

function printFlush(r: { alerts: DrainStats; digests: DrainStats; target: string }): void {
  const { alerts, digests } = r;
  if (alerts.lockedBy)
    console.log(
      `another regwatch process (pid ${alerts.lockedBy.pid} on ${alerts.lockedBy.host}) is sending; nothing done`,
    );
  console.log(
    `alerts: ${alerts.sent} sent, ${alerts.retrying} to retry, ${alerts.dead} dead, ${alerts.deferred} held for quiet hours${alerts.recovered ? `, ${alerts.recovered} re-sent after an interrupted run` : ''}`,
  );
  console.log(
    `digests: ${digests.gathered} gathered, ${digests.sent} sent, ${digests.retrying} to retry, ${digests.dead} dead`,
  );
  console.log(`via ${r.target}`);
}
