-- Bulk data for the report benchmark (PostgreSQL): 1,000 extra member units in 20
-- clusters, each with an accepted annual plan of 10 targets and an annual report of
-- 10 results for every year 2021–2025 of the demo movement: 5,000 plans, 50,000
-- targets, 5,000 reports, 50,000 results. Run after `thidua seed demo`.
\set ON_ERROR_STOP on
BEGIN;
SELECT id AS movement FROM movements WHERE code = 'CDS-2021-2025' \gset

INSERT INTO emulation_groups (id, code, name, name_search, kind, description, version, created_at, updated_at)
SELECT 'bench-g-' || g, 'BENCH-CUM-' || g, 'Cụm thi đua thử nghiệm ' || g, 'cum thi dua thu nghiem ' || g || ' bench-cum-' || g,
       'cluster', '', 1, now(), now()
FROM generate_series(1, 20) g;

INSERT INTO units (id, code, name, name_search, kind, group_id, valid_from, valid_to, successor_id, version, created_at, updated_at, women_share_percent)
SELECT 'bench-u-' || u, 'BENCH-' || lpad(u::text, 4, '0'), 'Đơn vị thử nghiệm ' || u,
       'don vi thu nghiem ' || u || ' bench-' || lpad(u::text, 4, '0'),
       'organisation', 'bench-g-' || (1 + u % 20), DATE '2020-01-01', NULL, NULL, 1, now(), now(), (u * 37) % 100
FROM generate_series(1, 1000) u;

INSERT INTO plans (id, unit_id, movement_id, kind, year, period_key, title, description, status, submitted_at, reviewed_at, return_reason, version, created_at, updated_at)
SELECT 'bench-p-' || u || '-' || y, 'bench-u-' || u, :'movement', 'annual', y, 'annual:' || y, 'Kế hoạch năm ' || y, '', 'accepted',
       make_timestamp(y, 3, 1, 2, 0, 0), make_timestamp(y, 3, 20, 2, 0, 0), NULL, 3, make_timestamp(y, 2, 1, 2, 0, 0), make_timestamp(y, 3, 20, 2, 0, 0)
FROM generate_series(1, 1000) u, generate_series(2021, 2025) y;

CREATE TEMP TABLE bench_criteria AS
SELECT id, unit_of_measure, max_score, row_number() OVER (ORDER BY code) AS k FROM criteria WHERE movement_id = :'movement';

INSERT INTO plan_targets (id, plan_id, criterion_id, target_value, unit_of_measure, note, position)
SELECT 'bench-t-' || u || '-' || y || '-' || c.k, 'bench-p-' || u || '-' || y, c.id, 50 + (u + c.k) % 50, c.unit_of_measure, '', c.k
FROM generate_series(1, 1000) u, generate_series(2021, 2025) y, bench_criteria c WHERE c.k <= 10;

INSERT INTO reports (id, unit_id, movement_id, plan_id, kind, year, round_id, period_key, narrative, status, due_on, first_submitted_at,
                     submitted_at, late, reviewed_at, return_reason, version, created_at, updated_at)
SELECT 'bench-r-' || u || '-' || y, 'bench-u-' || u, :'movement', 'bench-p-' || u || '-' || y, 'annual', y, NULL, 'annual:' || y,
       'Báo cáo năm ' || y, CASE WHEN u % 10 = 0 THEN 'submitted' ELSE 'accepted' END, make_date(y, 12, 10),
       make_timestamp(y, 12, CASE WHEN u % 7 = 0 THEN 12 ELSE 5 END, 2, 0, 0),
       make_timestamp(y, 12, CASE WHEN u % 7 = 0 THEN 12 ELSE 5 END, 2, 0, 0), u % 7 = 0,
       CASE WHEN u % 10 = 0 THEN NULL ELSE make_timestamp(y, 12, 18, 2, 0, 0) END, NULL, 3,
       make_timestamp(y, 11, 20, 2, 0, 0), make_timestamp(y, 12, 18, 2, 0, 0)
FROM generate_series(1, 1000) u, generate_series(2021, 2025) y;

INSERT INTO report_results (id, report_id, target_id, criterion_id, achieved_value, self_score, assessed_score, evidence, evidence_url)
SELECT 'bench-x-' || u || '-' || y || '-' || c.k, 'bench-r-' || u || '-' || y, 'bench-t-' || u || '-' || y || '-' || c.k, c.id,
       40 + (u * c.k) % 70, c.max_score * ((u + c.k) % 10) / 10.0,
       CASE WHEN u % 10 = 0 THEN NULL ELSE c.max_score * ((u + c.k) % 10) / 10.0 END, 'Minh chứng', NULL
FROM generate_series(1, 1000) u, generate_series(2021, 2025) y, bench_criteria c WHERE c.k <= 10;

COMMIT;
ANALYZE;
SELECT (SELECT count(*) FROM units) AS units, (SELECT count(*) FROM reports) AS reports, (SELECT count(*) FROM report_results) AS results;
