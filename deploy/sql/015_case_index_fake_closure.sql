-- 015: signs of a suspected fake closure (虚假办结) on the case index, for the quarterly review:
-- resolved without a reply from the department, or a callback marked satisfied on a case the
-- department never acknowledged (Domain/Reports/FakeClosureRule; the case grain computes both from
-- its history whenever it writes its row). No backfill: the workflow has only ever let a
-- department resolve a replied case, and a callback needs a resolved one, so every row written
-- before this file has false for both, which is what its history says; a case indexed again
-- (any transition, the reconciler) recomputes them. The difficult-case index gains both flags.
-- Idempotent.
ALTER TABLE dispatcher_case_index ADD COLUMN IF NOT EXISTS resolved_without_reply boolean NOT NULL DEFAULT false;
ALTER TABLE dispatcher_case_index ADD COLUMN IF NOT EXISTS satisfied_without_acknowledge boolean NOT NULL DEFAULT false;
DROP INDEX IF EXISTS dispatcher_case_index_difficult;
CREATE INDEX IF NOT EXISTS dispatcher_case_index_difficult
    ON dispatcher_case_index (created_at DESC)
    WHERE overdue OR returns >= 2 OR reopened > 0 OR escalated OR resolved_without_reply OR satisfied_without_acknowledge;
INSERT INTO dispatcher_schema_version (version, description)
VALUES (15, 'case index: fake-closure signs')
ON CONFLICT (version) DO NOTHING;
