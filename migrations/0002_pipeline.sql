-- The schema the pipeline writes. 0001 was laid before any code wrote it; nothing has written
-- the tables rebuilt here (watches, section_diffs, changes, alerts, deliveries), so they are
-- dropped and made again in the shape the pipeline, the digests and the sender need.

-- Watches are the config file's, synced at start-up (the file is the truth; this table only
-- remembers when each watch was first seen, so a watch added later treats older filings as
-- history, and which definition it had).
DROP TABLE watches;
CREATE TABLE watches (
  name           TEXT PRIMARY KEY,
  definition     TEXT NOT NULL,                              -- JSON of the config entry
  first_seen_at  TEXT NOT NULL,                              -- filings before this are history
  removed_at     TEXT                                        -- gone from the config (kept for old alerts)
);

-- Filings: where processing stands, so nothing is marked done that was not stored.
ALTER TABLE filings ADD COLUMN company_name TEXT;
ALTER TABLE filings ADD COLUMN status TEXT NOT NULL DEFAULT 'discovered'
  CHECK (status IN ('discovered', 'processed', 'failed', 'skipped'));
ALTER TABLE filings ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE filings ADD COLUMN next_attempt_at TEXT;
ALTER TABLE filings ADD COLUMN last_error TEXT;
ALTER TABLE filings ADD COLUMN processed_at TEXT;
ALTER TABLE filings ADD COLUMN history INTEGER NOT NULL DEFAULT 0;  -- 1: stored as history, no alert
CREATE INDEX filings_by_status ON filings(status, next_attempt_at);
CREATE INDEX filing_documents_by_document ON filing_documents(document_id);

-- Which watches a filing matched, and how (cik, ticker, company name, form, keyword).
CREATE TABLE filing_watches (
  filing_id   INTEGER NOT NULL REFERENCES filings(id) ON DELETE CASCADE,
  watch_name  TEXT NOT NULL,
  matched_by  TEXT NOT NULL,
  PRIMARY KEY (filing_id, watch_name)
);
CREATE INDEX filing_watches_by_watch ON filing_watches(watch_name);

-- Sections: the text outside risk factors that a diff must still see.
ALTER TABLE sections ADD COLUMN preamble TEXT NOT NULL DEFAULT '';       -- text before the first factor
ALTER TABLE sections ADD COLUMN summary TEXT;                            -- JSON: an in-section summary, kept apart
ALTER TABLE sections ADD COLUMN category_intros TEXT NOT NULL DEFAULT '{}'; -- JSON {category: intro text}
ALTER TABLE sections ADD COLUMN form TEXT;                               -- form the extractor used
CREATE INDEX sections_by_filing ON sections(filing_id);
CREATE INDEX risk_factors_by_section ON risk_factors(section_id, position);

-- A comparison of two sections; keyword hits belong to a watch, not to the diff.
DROP TABLE changes;
DROP TABLE section_diffs;
CREATE TABLE section_diffs (
  id              INTEGER PRIMARY KEY,
  old_section_id  INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
  new_section_id  INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
  similarity      REAL NOT NULL,
  summary         TEXT NOT NULL,                             -- JSON {added, removed, modified, moved, unchanged, ...}
  created_at      TEXT NOT NULL,
  UNIQUE (old_section_id, new_section_id)
);
CREATE INDEX section_diffs_by_new ON section_diffs(new_section_id);

-- Everything a digest or a re-sent message needs, so mail is always rebuilt from stored data.
CREATE TABLE changes (
  id               INTEGER PRIMARY KEY,
  diff_id          INTEGER NOT NULL REFERENCES section_diffs(id) ON DELETE CASCADE,
  position         INTEGER NOT NULL,                          -- order in the diff's change list
  kind             TEXT NOT NULL CHECK (kind IN ('added', 'removed', 'modified', 'moved', 'preamble', 'category-intro')),
  old_position     INTEGER,
  new_position     INTEGER,
  old_heading      TEXT,
  new_heading      TEXT,
  old_category     TEXT,
  new_category     TEXT,
  heading_changed  INTEGER NOT NULL DEFAULT 0,
  moved            INTEGER NOT NULL DEFAULT 0,
  similarity       REAL,
  words_added      INTEGER NOT NULL DEFAULT 0,
  words_removed    INTEGER NOT NULL DEFAULT 0,
  text             TEXT,                                      -- added / removed factor's body
  heading_redline  TEXT,                                      -- JSON RedlineOp[]
  redline          TEXT,                                      -- JSON RedlineOp[]
  UNIQUE (diff_id, position)
);

CREATE TABLE keyword_hits (
  id          INTEGER PRIMARY KEY,
  section_id  INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
  diff_id     INTEGER REFERENCES section_diffs(id) ON DELETE CASCADE,  -- NULL: hit in a first version
  watch_name  TEXT NOT NULL,
  keyword     TEXT NOT NULL,
  kind        TEXT NOT NULL,                                  -- added | modified | present
  heading     TEXT NOT NULL,
  sentence    TEXT                                            -- the sentence holding the phrase
);
CREATE INDEX keyword_hits_by_section ON keyword_hits(section_id);
CREATE INDEX keyword_hits_by_diff ON keyword_hits(diff_id);

-- The outbox. An alert holds facts (JSON payload) and links to stored data; the message is
-- rendered at send time from them, so digests and re-sends are rebuilt, never copied.
DROP TABLE deliveries;
DROP TABLE alerts;
CREATE TABLE alerts (
  id            INTEGER PRIMARY KEY,
  dedupe_key    TEXT NOT NULL UNIQUE,                        -- never the same alert twice
  kind          TEXT NOT NULL,                               -- see src/alerts/types.ts
  source        TEXT NOT NULL,                               -- edgar | federal-register | operator
  title         TEXT NOT NULL,                               -- one line: what happened (the subject's core)
  payload       TEXT NOT NULL DEFAULT '{}',                  -- JSON facts for the renderer
  thread_key    TEXT,                                        -- alerts of one offering / document thread together
  filing_id     INTEGER REFERENCES filings(id),
  diff_id       INTEGER REFERENCES section_diffs(id),
  fr_document   TEXT REFERENCES fr_documents(document_number),
  created_at    TEXT NOT NULL
);
CREATE INDEX alerts_by_filing ON alerts(filing_id);
CREATE INDEX alerts_by_diff ON alerts(diff_id);
CREATE INDEX alerts_by_fr_document ON alerts(fr_document);
CREATE INDEX alerts_by_created ON alerts(created_at);

-- Which watches (or the Federal Register config, watch_name '@federal-register') an alert
-- concerns, and why: a recipient sees why each alert reached them.
CREATE TABLE alert_watches (
  alert_id    INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
  watch_name  TEXT NOT NULL,
  reason      TEXT NOT NULL,
  PRIMARY KEY (alert_id, watch_name)
);

-- One row per (alert, address). Digest deliveries wait for their group's digest.
CREATE TABLE deliveries (
  id              INTEGER PRIMARY KEY,
  alert_id        INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
  recipient_group TEXT NOT NULL,
  email           TEXT NOT NULL,
  mode            TEXT NOT NULL CHECK (mode IN ('immediate', 'digest')),
  status          TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'dead', 'digested')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,                             -- due time (quiet hours move it, never drop it)
  last_error      TEXT,
  message_id      TEXT,
  digest_id       INTEGER REFERENCES digests(id),
  created_at      TEXT NOT NULL,
  sent_at         TEXT,
  UNIQUE (alert_id, email)
);
CREATE INDEX deliveries_due ON deliveries(status, next_attempt_at);
CREATE INDEX deliveries_by_digest ON deliveries(digest_id);

-- A digest message: one per recipient address per digest tick, listing the alerts gathered.
CREATE TABLE digests (
  id              INTEGER PRIMARY KEY,
  recipient_group TEXT NOT NULL,
  email           TEXT NOT NULL,
  period_start    TEXT,
  period_end      TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'dead')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error      TEXT,
  message_id      TEXT,
  created_at      TEXT NOT NULL,
  sent_at         TEXT,
  UNIQUE (email, period_end)
);
CREATE INDEX digests_due ON digests(status, next_attempt_at);

-- Small named facts a source keeps between runs: feed position, last reconciled business
-- day, ticker map fetch date, the SEC pause ("sec.pausedUntil"), operator notices sent.
CREATE TABLE source_state (
  key         TEXT PRIMARY KEY,
  value       TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

-- Federal Register: a correction or update of a seen document; public inspection linkage.
ALTER TABLE fr_documents ADD COLUMN normalized_number TEXT;   -- unpadded, for dedupe (2012-7333)
ALTER TABLE fr_documents ADD COLUMN status TEXT NOT NULL DEFAULT 'published'
  CHECK (status IN ('public-inspection', 'published', 'withdrawn'));
ALTER TABLE fr_documents ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';   -- JSON: entity-list, export-control, keyword:...
ALTER TABLE fr_documents ADD COLUMN full_text TEXT;
ALTER TABLE fr_documents ADD COLUMN updated_at TEXT;
CREATE UNIQUE INDEX fr_documents_by_normalized ON fr_documents(normalized_number);
CREATE INDEX fr_document_versions_by_document ON fr_document_versions(document_number);

CREATE INDEX runs_by_status ON runs(status);
