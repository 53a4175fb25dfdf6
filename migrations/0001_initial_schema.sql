-- regwatch schema, designed for the whole product: later migrations add columns, not rewrites.
-- Times are ISO-8601 UTC text; ids are INTEGER PRIMARY KEY unless an external key is natural.

-- Companies (EDGAR registrants) and what the operator asked to watch.
CREATE TABLE companies (
  cik          TEXT PRIMARY KEY CHECK (length(cik) = 10),   -- zero-padded
  name         TEXT NOT NULL,
  tickers      TEXT NOT NULL DEFAULT '[]',                  -- JSON array
  sic          TEXT,
  updated_at   TEXT NOT NULL
);

CREATE TABLE watches (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL UNIQUE,                        -- from the config file
  kind         TEXT NOT NULL CHECK (kind IN ('cik', 'ticker', 'new-registrants')),
  target       TEXT,                                        -- CIK or ticker; NULL for new-registrants
  forms        TEXT NOT NULL,                               -- JSON array
  keywords     TEXT NOT NULL DEFAULT '[]',                  -- JSON array
  notify       TEXT NOT NULL,                               -- JSON array of recipient groups
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);

-- One row per EDGAR submission; versions of one offering are linked by file number.
CREATE TABLE filings (
  id               INTEGER PRIMARY KEY,
  accession        TEXT NOT NULL UNIQUE,                    -- 0001234567-24-000001
  cik              TEXT NOT NULL REFERENCES companies(cik),
  form             TEXT NOT NULL,
  file_number      TEXT,                                    -- 333-xxxxxx links S-1, S-1/A, 424B4
  filing_date      TEXT NOT NULL,
  accepted_at      TEXT,
  primary_document TEXT,
  source_url       TEXT NOT NULL,
  discovered_via   TEXT NOT NULL,                           -- atom | submissions | daily-index | backfill | cli
  discovered_at    TEXT NOT NULL
);
CREATE INDEX filings_by_file_number ON filings(file_number, filing_date);
CREATE INDEX filings_by_cik ON filings(cik, filing_date);

-- Raw documents, compressed, addressed by content hash so an unchanged re-fetch costs nothing.
CREATE TABLE documents (
  id            INTEGER PRIMARY KEY,
  sha256        TEXT NOT NULL UNIQUE,
  content_type  TEXT NOT NULL,
  encoding      TEXT NOT NULL CHECK (encoding IN ('gzip', 'identity')),
  byte_length   INTEGER NOT NULL,
  body          BLOB NOT NULL,
  fetched_at    TEXT NOT NULL
);

CREATE TABLE filing_documents (
  filing_id     INTEGER NOT NULL REFERENCES filings(id) ON DELETE CASCADE,
  document_id   INTEGER NOT NULL REFERENCES documents(id),
  filename      TEXT NOT NULL,
  doc_type      TEXT NOT NULL,                              -- SGML <TYPE>
  is_primary    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (filing_id, filename)
);

-- The extracted Risk Factors section of one filing (one row per extractor version run).
CREATE TABLE sections (
  id                 INTEGER PRIMARY KEY,
  filing_id          INTEGER NOT NULL REFERENCES filings(id) ON DELETE CASCADE,
  kind               TEXT NOT NULL DEFAULT 'risk-factors',
  extractor_version  TEXT NOT NULL,
  found              INTEGER NOT NULL,
  reason             TEXT,                                   -- why not found / not applicable
  heading            TEXT,
  word_count         INTEGER NOT NULL DEFAULT 0,
  categories         TEXT NOT NULL DEFAULT '[]',             -- JSON array
  warnings           TEXT NOT NULL DEFAULT '[]',             -- JSON array
  text_sha256        TEXT,
  extracted_at       TEXT NOT NULL,
  UNIQUE (filing_id, kind, extractor_version)
);

CREATE TABLE risk_factors (
  id            INTEGER PRIMARY KEY,
  section_id    INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
  position      INTEGER NOT NULL,
  stable_id     TEXT NOT NULL,                               -- hash of normalised heading
  category      TEXT,
  heading       TEXT NOT NULL,
  body          TEXT NOT NULL,
  word_count    INTEGER NOT NULL,
  UNIQUE (section_id, position)
);
CREATE INDEX risk_factors_by_stable_id ON risk_factors(stable_id);

-- A comparison between two versions of a section, and the individual changes found.
CREATE TABLE section_diffs (
  id              INTEGER PRIMARY KEY,
  old_section_id  INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
  new_section_id  INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
  similarity      REAL NOT NULL,
  summary         TEXT NOT NULL,                             -- JSON {added, removed, modified, moved, unchanged}
  created_at      TEXT NOT NULL,
  UNIQUE (old_section_id, new_section_id)
);

CREATE TABLE changes (
  id               INTEGER PRIMARY KEY,
  diff_id          INTEGER NOT NULL REFERENCES section_diffs(id) ON DELETE CASCADE,
  kind             TEXT NOT NULL CHECK (kind IN ('added', 'removed', 'modified', 'moved')),
  old_position     INTEGER,
  new_position     INTEGER,
  old_heading      TEXT,
  new_heading      TEXT,
  heading_changed  INTEGER NOT NULL DEFAULT 0,
  similarity       REAL,
  words_added      INTEGER NOT NULL DEFAULT 0,
  words_removed    INTEGER NOT NULL DEFAULT 0,
  keyword_hits     TEXT NOT NULL DEFAULT '[]'                -- JSON array
);

-- Federal Register documents and every version seen (public inspection, then published, then corrections).
CREATE TABLE fr_documents (
  document_number   TEXT PRIMARY KEY,                        -- e.g. 2024-15931
  type              TEXT NOT NULL,
  title             TEXT NOT NULL,
  agencies          TEXT NOT NULL,                           -- JSON array of slugs
  publication_date  TEXT,
  html_url          TEXT,
  first_seen_at     TEXT NOT NULL
);

CREATE TABLE fr_document_versions (
  id                INTEGER PRIMARY KEY,
  document_number   TEXT NOT NULL REFERENCES fr_documents(document_number) ON DELETE CASCADE,
  stage             TEXT NOT NULL CHECK (stage IN ('public-inspection', 'published', 'correction')),
  content_sha256    TEXT NOT NULL,
  payload           TEXT NOT NULL,                           -- the API JSON as received
  seen_at           TEXT NOT NULL,
  UNIQUE (document_number, stage, content_sha256)
);

-- Alerts outbox: written in the same transaction as the change that caused it; sent afterwards.
CREATE TABLE alerts (
  id            INTEGER PRIMARY KEY,
  dedupe_key    TEXT NOT NULL UNIQUE,                        -- never the same alert twice
  kind          TEXT NOT NULL,                               -- risk-factor-diff | new-filing | fr-document
  subject       TEXT NOT NULL,
  html          TEXT NOT NULL,
  text          TEXT NOT NULL,
  diff_id       INTEGER REFERENCES section_diffs(id),
  filing_id     INTEGER REFERENCES filings(id),
  fr_document   TEXT REFERENCES fr_documents(document_number),
  created_at    TEXT NOT NULL
);

CREATE TABLE deliveries (
  id              INTEGER PRIMARY KEY,
  alert_id        INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
  recipient_group TEXT NOT NULL,
  email           TEXT NOT NULL,
  mode            TEXT NOT NULL CHECK (mode IN ('immediate', 'digest')),
  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'digested')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  last_error      TEXT,
  message_id      TEXT,
  sent_at         TEXT,
  UNIQUE (alert_id, email)
);
CREATE INDEX deliveries_pending ON deliveries(status, next_attempt_at);

-- HTTP cache validators for conditional GETs.
CREATE TABLE http_cache (
  url            TEXT PRIMARY KEY,
  etag           TEXT,
  last_modified  TEXT,
  checked_at     TEXT NOT NULL
);

-- One row per scheduled or manual run of a source, with what it did.
CREATE TABLE runs (
  id            INTEGER PRIMARY KEY,
  source        TEXT NOT NULL,                               -- edgar | federal-register | digest | cli
  started_at    TEXT NOT NULL,
  finished_at   TEXT,
  status        TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'ok', 'failed', 'partial')),
  stats         TEXT NOT NULL DEFAULT '{}',                  -- JSON counts
  error         TEXT
);
CREATE INDEX runs_by_source ON runs(source, started_at);
