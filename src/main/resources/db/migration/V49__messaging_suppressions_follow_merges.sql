-- A suppression copied to the survivor of a merge names the merge, so that undoing it takes the copy back; the merged
-- customer keeps its own entry throughout.
alter table suppressions add column merge_id bigint;
create index suppressions_merge_idx on suppressions (merge_id) where merge_id is not null;
