-- The web views (src/web/) read alerts per watch: the feed narrowed to a watch or a group,
-- and each watch's latest change on the index page. alert_watches is keyed by alert first,
-- so without this index each of those reads scans every alert's watches.
CREATE INDEX alert_watches_by_watch ON alert_watches(watch_name, alert_id);
