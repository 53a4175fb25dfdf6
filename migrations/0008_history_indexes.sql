-- The web views (src/web/) read alerts per watch: the feed narrowed to a watch or a group,
-- and each watch's latest change on the index page. alert_watches is keyed by alert first,
-- so without this index each of those reads scans every alert's watches.
CREATE INDEX alert_watches_by_watch ON alert_watches(watch_name, alert_id);

-- The index page lists the latest Federal Register documents, public-inspection ones (no
-- publication date yet) by when they were first seen: the same expression as the query's
-- ORDER BY (src/store/history.ts recentFrDocuments), so the list is read from the index
-- instead of sorting every stored document.
CREATE INDEX fr_documents_by_date ON fr_documents(coalesce(publication_date, first_seen_at), document_number);
