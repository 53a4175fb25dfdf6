import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { openApp, printJson, type GlobalOptions } from '../context.js';

/** What every mail command loads, on first use: the mailer, the renderers and the store. */
async function mailModules() {
  const [logger, sender, digests, registry, messageId, html, outbox] = await Promise.all([
    import('../../log/logger.js'),
    import('../../notify/sender.js'),
    import('../../notify/digests.js'),
    import('../../notify/transports/registry.js'),
    import('../../notify/render/message-id.js'),
    import('../../notify/render/html.js'),
    import('../../store/outbox.js'),
  ]);
  return { ...logger, ...sender, ...digests, ...registry, ...messageId, ...html, ...outbox };
}

export function registerMail(program: Command): void {
  const mail = program
    .command('mail')
    .description('send, preview and flush mail: the outbox of alerts and digests');

  mail
    .command('test')
    .description(
      'send a test message through the configured transport (SMTP from REGWATCH_SMTP_URL, else an .eml file in mail.outboxDir)',
    )
    .argument('<address>', 'where to send it')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  regwatch mail test me@example.com\n  REGWATCH_SMTP_URL=smtp://user:pass@mail.example.com:587 regwatch mail test me@example.com --json',
    )
    .action(async (address: string, opts: { json?: boolean }, cmd: Command) => {
      if (!/^[^\s@<>]+@[^\s@<>]+$/.test(address))
        throw new InputError(
          `"${address}" is not an e-mail address; expected something like me@example.com`,
        );
      const { createLogger, createTransport, testMessageId, mailDomain, esc } = await mailModules();
      const logger = createLogger();
      const app = await openApp(cmd.optsWithGlobals<GlobalOptions>(), { logger });
      const transport = createTransport(app.config, process.env, logger);
      try {
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
        transport.close();
        app.close();
      }
    });

  mail
    .command('preview')
    .description("show an alert's message as it would be sent, without sending it")
    .argument(
      '<alert-id>',
      "the alert (ids appear in logs, `status` and each message's X-Regwatch-Alert header)",
    )
    .option('--to <address>', "render it for this recipient (default: the alert's first)")
    .option('--html <file>', 'also write the HTML part to this file (open it in a browser)')
    .option('--json', 'print subject, headers, text and attachment names as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  regwatch mail preview 42\n  regwatch mail preview 42 --html /tmp/alert-42.html',
    )
    .action(
      async (
        alertIdText: string,
        opts: { to?: string; html?: string; json?: boolean },
        cmd: Command,
      ) => {
        const alertId = Number(alertIdText);
        if (!Number.isInteger(alertId) || alertId <= 0)
          throw new InputError(`alert id "${alertIdText}" is not a positive whole number`);
        const { readAlert, listDeliveriesOfAlert, renderDelivery, alertMessageId, mailDomain } =
          await mailModules();
        const app = await openApp(cmd.optsWithGlobals<GlobalOptions>());
        try {
          const alert = readAlert(app.db, alertId);
          if (!alert) throw new InputError(`no alert ${alertId} in ${app.config.database.path}`);
          const deliveries = listDeliveriesOfAlert(app.db, alertId);
          const chosen = opts.to
            ? deliveries.find((d) => d.email === opts.to!.toLowerCase())
            : deliveries[0];
          const email = chosen?.email ?? opts.to ?? 'preview@localhost';
          const group = chosen?.recipientGroup ?? '(preview)';
          const now = new Date();
          const message = renderDelivery(
            app.db,
            app.config,
            { alertId, email, recipientGroup: group },
            now,
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
      },
    );

  mail
    .command('flush')
    .description(
      'send what is due now: immediate alerts, retries and due digests (what the daemon does each tick); exit 1 if the mail server could not be reached',
    )
    .option('--json', 'print what was done as JSON')
    .addHelpText('after', '\nExamples:\n  regwatch mail flush\n  regwatch mail flush --json')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const { createLogger, createTransport, drainOutbox, sendDueDigests } = await mailModules();
      const logger = createLogger();
      const app = await openApp(cmd.optsWithGlobals<GlobalOptions>(), { logger });
      const transport = createTransport(app.config, process.env, logger);
      try {
        const deps = { db: app.db, config: app.config, transport, logger, now: () => new Date() };
        const alerts = await drainOutbox(deps);
        const digests = await sendDueDigests(deps, new Date());
        const report = { transport: transport.name, target: transport.describe(), alerts, digests };
        if (opts.json) printJson(report);
        else {
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
          console.log(`via ${transport.describe()}`);
        }
        if (alerts.stoppedBy || digests.stoppedBy) {
          process.stderr.write(
            `regwatch: the mail server could not be reached (${alerts.stoppedBy ?? digests.stoppedBy}); messages stay queued and are retried\n`,
          );
          process.exitCode = 1;
        }
      } finally {
        transport.close();
        app.close();
      }
    });
}
