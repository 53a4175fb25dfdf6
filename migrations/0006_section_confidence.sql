-- How sure the extractor was of each section it stored (issue 23): the level, and the reasons
-- for doubt as JSON [{code, message}]. NULL for sections stored before the extractor said so;
-- `regwatch reprocess` fills them in.
ALTER TABLE sections ADD COLUMN confidence TEXT CHECK (confidence IN ('high', 'medium', 'low'));
ALTER TABLE sections ADD COLUMN confidence_reasons TEXT NOT NULL DEFAULT '[]';
