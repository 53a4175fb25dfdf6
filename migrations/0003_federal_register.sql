-- Federal Register: what the notices listing and the update check need beside 0002's columns.
-- The document number first seen stays the primary key (alerts reference it); the published
-- number (which may differ in zero padding from the public-inspection one) is kept apart.
ALTER TABLE fr_documents ADD COLUMN published_number TEXT;           -- as the published document spells it
ALTER TABLE fr_documents ADD COLUMN abstract TEXT;
ALTER TABLE fr_documents ADD COLUMN effective_on TEXT;               -- YYYY-MM-DD
ALTER TABLE fr_documents ADD COLUMN pdf_url TEXT;
ALTER TABLE fr_documents ADD COLUMN filed_at TEXT;                   -- public inspection filing time
ALTER TABLE fr_documents ADD COLUMN filing_type TEXT;                -- regular | special (public inspection)
ALTER TABLE fr_documents ADD COLUMN reasons TEXT NOT NULL DEFAULT '[]';          -- JSON FrMatchReason[]: why it matched
ALTER TABLE fr_documents ADD COLUMN matched_watches TEXT NOT NULL DEFAULT '[]';  -- JSON: watches whose company it names
ALTER TABLE fr_documents ADD COLUMN last_seen_at TEXT;               -- last poll that saw it in a response
CREATE INDEX fr_documents_by_publication ON fr_documents(publication_date);
CREATE INDEX fr_documents_by_status ON fr_documents(status);
