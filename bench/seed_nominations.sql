-- Bulk data for the nominations benchmark (PostgreSQL, issue 4). Run after
-- `thidua seed demo` and bench/seed_reports.sql (which adds the 1,000 units
-- 'bench-u-1'..'bench-u-1000').
--
--   3 extra movements and 6 extra award rounds (8 rounds with the demo's two):
--   5 closed rounds (2022–2024, mostly final statuses) and 3 open rounds (2025–2026,
--   mostly in progress), with their quotas;
--   100,000 nominations over the 8 rounds, proposed by the 1,000 bench units (96 %)
--   and the demo's member units (4 %, ~97 each: H-THAPMUOI is the unit_head's unit),
--   in all 13 statuses, both award forms (25 % state awards), 35 % collectives;
--   Vietnamese names (weighted surnames: "Nguyễn" 37 %, "Quách" 0.1 %) and their
--   normalised `nominee_search` (as src/domain/search.rs `normalize`);
--   unique nominee keys ("person:<name>:<year>", "team:<unit>:<team>");
--   ids shaped like the service's UUIDv7 (time-ordered, so a round's nominations are
--   neighbours in id order, as in production);
--   exactly 500,000 workflow events for them: each nomination's path through the state
--   machine plus 0–4 return/resubmit cycles (5 events per nomination on average);
--   dossier documents (6 per submitted nomination, 0–6 per draft; a few bytes each),
--   the submissions (10 batches per round) with their nomination lists, the Chair's
--   decisions for provincial awards, and nomination_outcomes for closed, posted,
--   forwarded and centrally decided nominations.
-- The demo's own nominations (a couple of dozen) come on top. Deterministic (hashint4 of
-- the row number), no random(). About 30 s on 2 cores.
\set ON_ERROR_STOP on
-- Size: psql -v nominations=1000000 -v events_target=5000000 (defaults 100,000 and 500,000).
-- The rounds' blocks of row numbers scale with it; a nominee key that repeats in a round
-- at larger sizes (the name parts cycle every 103,680 rows) is made unique below.
\if :{?nominations}
\else
  \set nominations 100000
\endif
\if :{?events_target}
\else
  \set events_target 500000
\endif
SELECT :nominations / 10 AS b1, :nominations * 22 / 100 AS b2, :nominations * 34 / 100 AS b3,
       :nominations * 46 / 100 AS b4, :nominations * 58 / 100 AS b5 \gset
BEGIN;
SELECT id AS movement FROM movements WHERE code = 'CDS-2021-2025' \gset
SELECT id AS round_sk FROM award_rounds WHERE movement_id = :'movement' AND code = 'SK-2022-2023' \gset
SELECT id AS round_tk FROM award_rounds WHERE movement_id = :'movement' AND code = 'TK-2022-2025' \gset
SELECT id AS dic FROM users WHERE username = 'dic_officer' \gset
SELECT id AS home FROM users WHERE username = 'home_affairs_officer' \gset
SELECT id AS chair FROM users WHERE username = 'chair' \gset
SELECT id AS vpubnd FROM units WHERE code = 'VPUBND' \gset

-- Movements ---------------------------------------------------------------------
INSERT INTO movements (id, code, title, title_search, theme, period_start_year, period_end_year, legal_basis, plan_document,
                       standing_unit_id, appraising_unit_id, fields, content_items, version, created_at, updated_at,
                       annual_report_due_month, annual_report_due_day, review_working_days)
SELECT v.id, v.code, v.title, v.search, m.theme, v.y0, v.y1, m.legal_basis, m.plan_document,
       m.standing_unit_id, m.appraising_unit_id, m.fields, m.content_items, 1, make_timestamp(v.y0, 1, 15, 2, 0, 0),
       make_timestamp(v.y0, 1, 15, 2, 0, 0), 12, 10, 10
FROM movements m,
     (VALUES ('bench-m-1', 'DVK-2021-2025', 'Phong trào thi đua "Dân vận khéo" giai đoạn 2021 - 2025',
              'phong trao thi dua "dan van kheo" giai doan 2021 - 2025', 2021, 2025),
             ('bench-m-2', 'NTM-2021-2025', 'Phong trào thi đua "Đồng Tháp chung sức xây dựng nông thôn mới" giai đoạn 2021 - 2025',
              'phong trao thi dua "dong thap chung suc xay dung nong thon moi" giai doan 2021 - 2025', 2021, 2025),
             ('bench-m-3', 'VNN-2020-2024', 'Phong trào thi đua "Vì người nghèo - Không để ai bị bỏ lại phía sau" giai đoạn 2020 - 2024',
              'phong trao thi dua "vi nguoi ngheo - khong de ai bi bo lai phia sau" giai doan 2020 - 2024', 2020, 2024)
     ) AS v (id, code, title, search, y0, y1)
WHERE m.id = :'movement';

INSERT INTO award_rounds (id, movement_id, code, kind, title, period_start_year, period_end_year, nomination_opens_on,
                          nomination_closes_on, report_due_on, appraisal_working_days, comment_working_days,
                          required_documents, version, created_at, updated_at)
SELECT v.id, v.movement_id, v.code, v.kind, v.title, v.y0, v.y1, v.opens, v.closes, v.opens + 45, 25, 10,
       r.required_documents, 1, v.opens - 30, v.opens - 30
FROM award_rounds r,
     (VALUES ('bench-r-1', 'bench-m-3', 'SK-2020-2022', 'interim', 'Sơ kết phong trào giai đoạn 2020 - 2022', 2020, 2022, DATE '2022-09-01', DATE '2022-10-31'),
             ('bench-r-2', 'bench-m-2', 'SK-2021-2022', 'interim', 'Sơ kết phong trào giai đoạn 2021 - 2022', 2021, 2022, DATE '2022-11-01', DATE '2022-12-31'),
             ('bench-r-4', 'bench-m-1', 'SK-2021-2023', 'interim', 'Sơ kết phong trào giai đoạn 2021 - 2023', 2021, 2023, DATE '2023-12-01', DATE '2024-01-31'),
             ('bench-r-5', 'bench-m-3', 'TK-2020-2024', 'final', 'Tổng kết phong trào giai đoạn 2020 - 2024', 2020, 2024, DATE '2024-09-01', DATE '2024-11-30'),
             ('bench-r-7', 'bench-m-1', 'TK-2021-2025', 'final', 'Tổng kết phong trào giai đoạn 2021 - 2025', 2021, 2025, DATE '2025-10-01', DATE '2026-12-31'),
             ('bench-r-8', 'bench-m-2', 'TK-2021-2025', 'final', 'Tổng kết phong trào giai đoạn 2021 - 2025', 2021, 2025, DATE '2025-10-01', DATE '2026-12-31')
     ) AS v (id, movement_id, code, kind, title, y0, y1, opens, closes)
WHERE r.id = :'round_sk';

INSERT INTO round_quotas (round_id, award_form, nominee_kind, max_awards, awarded)
SELECT r.id, f.form, k.kind, CASE WHEN f.form = 'state_award' THEN NULL ELSE 0 END, 0
FROM award_rounds r, (VALUES ('provincial_merit'), ('state_award')) f (form), (VALUES ('collective'), ('individual')) k (kind)
WHERE r.id LIKE 'bench-r-%';

-- The 8 rounds in time order, each with the block of row numbers it gets. The three
-- open rounds share the last block (their nominations interleave, as in real time).
CREATE TEMP TABLE b_round (k int PRIMARY KEY, id text, movement_id text, lo int, hi int, open bool,
                           t0 timestamp, t1 timestamp);
INSERT INTO b_round VALUES
  (1, 'bench-r-1', 'bench-m-3', 1, :b1, false, '2022-09-01', '2022-10-31'),
  (2, 'bench-r-2', 'bench-m-2', :b1 + 1, :b2, false, '2022-11-01', '2022-12-31'),
  (3, :'round_sk', :'movement', :b2 + 1, :b3, false, '2023-10-01', '2023-11-30'),
  (4, 'bench-r-4', 'bench-m-1', :b3 + 1, :b4, false, '2023-12-01', '2024-01-31'),
  (5, 'bench-r-5', 'bench-m-3', :b4 + 1, :b5, false, '2024-09-01', '2024-11-30'),
  (6, :'round_tk', :'movement', :b5 + 1, :nominations, true, '2025-10-01', '2026-10-31'),
  (7, 'bench-r-7', 'bench-m-1', :b5 + 1, :nominations, true, '2025-10-01', '2026-10-31'),
  (8, 'bench-r-8', 'bench-m-2', :b5 + 1, :nominations, true, '2025-10-01', '2026-10-31');

-- Status by round state and award form, from a hash in 0..999 (per mille).
CREATE TEMP TABLE b_status (open bool, form text, lo int, hi int, status text);
INSERT INTO b_status VALUES
  (false, 'provincial_merit', 0, 699, 'awarded'), (false, 'provincial_merit', 700, 779, 'not_awarded'),
  (false, 'provincial_merit', 780, 859, 'rejected'), (false, 'provincial_merit', 860, 919, 'withdrawn'),
  (false, 'provincial_merit', 920, 939, 'returned'), (false, 'provincial_merit', 940, 969, 'draft'),
  (false, 'provincial_merit', 970, 999, 'submitted'),
  (false, 'state_award', 0, 599, 'state_awarded'), (false, 'state_award', 600, 749, 'state_declined'),
  (false, 'state_award', 750, 849, 'rejected'), (false, 'state_award', 850, 899, 'withdrawn'),
  (false, 'state_award', 900, 969, 'forwarded_to_central'), (false, 'state_award', 970, 999, 'draft'),
  (true, 'provincial_merit', 0, 199, 'draft'), (true, 'provincial_merit', 200, 399, 'submitted'),
  (true, 'provincial_merit', 400, 459, 'returned'), (true, 'provincial_merit', 460, 489, 'withdrawn'),
  (true, 'provincial_merit', 490, 669, 'consolidated'), (true, 'provincial_merit', 670, 789, 'approved'),
  (true, 'provincial_merit', 790, 839, 'rejected'), (true, 'provincial_merit', 840, 979, 'awarded'),
  (true, 'provincial_merit', 980, 999, 'not_awarded'),
  (true, 'state_award', 0, 199, 'draft'), (true, 'state_award', 200, 379, 'submitted'),
  (true, 'state_award', 380, 429, 'returned'), (true, 'state_award', 430, 449, 'withdrawn'),
  (true, 'state_award', 450, 599, 'consolidated'), (true, 'state_award', 600, 699, 'approved'),
  (true, 'state_award', 700, 749, 'rejected'), (true, 'state_award', 750, 779, 'posted_for_comment'),
  (true, 'state_award', 780, 999, 'forwarded_to_central');

-- Each status's path through the state machine (variant 1: withdrawn while still a draft).
CREATE TEMP TABLE b_step (status text, variant int, seq int, action text, from_status text, to_status text, role text, comment text);
INSERT INTO b_step VALUES
  ('submitted', 0, 1, 'submit', 'draft', 'submitted', 'unit_head', NULL),
  ('returned', 0, 1, 'submit', 'draft', 'submitted', 'unit_head', NULL), ('returned', 0, 2, 'return', 'submitted', 'returned', 'dic_officer', 'Đề nghị bổ sung biên bản họp Hội đồng thi đua'),
  ('withdrawn', 0, 1, 'submit', 'draft', 'submitted', 'unit_head', NULL), ('withdrawn', 0, 2, 'withdraw', 'submitted', 'withdrawn', 'unit_head', NULL),
  ('withdrawn', 1, 1, 'withdraw', 'draft', 'withdrawn', 'unit_head', NULL),
  ('consolidated', 0, 1, 'submit', 'draft', 'submitted', 'unit_head', NULL), ('consolidated', 0, 2, 'consolidate', 'submitted', 'consolidated', 'dic_officer', NULL),
  ('approved', 0, 1, 'submit', 'draft', 'submitted', 'unit_head', NULL), ('approved', 0, 2, 'consolidate', 'submitted', 'consolidated', 'dic_officer', NULL), ('approved', 0, 3, 'approve', 'consolidated', 'approved', 'home_affairs_officer', 'Đủ điều kiện, tiêu chuẩn theo quy định'),
  ('rejected', 0, 1, 'submit', 'draft', 'submitted', 'unit_head', NULL), ('rejected', 0, 2, 'consolidate', 'submitted', 'consolidated', 'dic_officer', NULL), ('rejected', 0, 3, 'reject', 'consolidated', 'rejected', 'home_affairs_officer', 'Chưa đủ tiêu chuẩn theo Nghị định 98/2023/NĐ-CP'),
  ('awarded', 0, 1, 'submit', 'draft', 'submitted', 'unit_head', NULL), ('awarded', 0, 2, 'consolidate', 'submitted', 'consolidated', 'dic_officer', NULL), ('awarded', 0, 3, 'approve', 'consolidated', 'approved', 'home_affairs_officer', 'Đủ điều kiện, tiêu chuẩn theo quy định'), ('awarded', 0, 4, 'award', 'approved', 'awarded', 'chair', NULL),
  ('not_awarded', 0, 1, 'submit', 'draft', 'submitted', 'unit_head', NULL), ('not_awarded', 0, 2, 'consolidate', 'submitted', 'consolidated', 'dic_officer', NULL), ('not_awarded', 0, 3, 'approve', 'consolidated', 'approved', 'home_affairs_officer', 'Đủ điều kiện, tiêu chuẩn theo quy định'), ('not_awarded', 0, 4, 'close', 'approved', 'not_awarded', 'chair', 'Vượt số lượng khen thưởng của đợt'),
  ('posted_for_comment', 0, 1, 'submit', 'draft', 'submitted', 'unit_head', NULL), ('posted_for_comment', 0, 2, 'consolidate', 'submitted', 'consolidated', 'dic_officer', NULL), ('posted_for_comment', 0, 3, 'approve', 'consolidated', 'approved', 'home_affairs_officer', 'Đủ điều kiện, tiêu chuẩn theo quy định'), ('posted_for_comment', 0, 4, 'post_for_comment', 'approved', 'posted_for_comment', 'chair', NULL),
  ('forwarded_to_central', 0, 1, 'submit', 'draft', 'submitted', 'unit_head', NULL), ('forwarded_to_central', 0, 2, 'consolidate', 'submitted', 'consolidated', 'dic_officer', NULL), ('forwarded_to_central', 0, 3, 'approve', 'consolidated', 'approved', 'home_affairs_officer', 'Đủ điều kiện, tiêu chuẩn theo quy định'), ('forwarded_to_central', 0, 4, 'post_for_comment', 'approved', 'posted_for_comment', 'chair', NULL), ('forwarded_to_central', 0, 5, 'forward', 'posted_for_comment', 'forwarded_to_central', 'chair', NULL),
  ('state_awarded', 0, 1, 'submit', 'draft', 'submitted', 'unit_head', NULL), ('state_awarded', 0, 2, 'consolidate', 'submitted', 'consolidated', 'dic_officer', NULL), ('state_awarded', 0, 3, 'approve', 'consolidated', 'approved', 'home_affairs_officer', 'Đủ điều kiện, tiêu chuẩn theo quy định'), ('state_awarded', 0, 4, 'post_for_comment', 'approved', 'posted_for_comment', 'chair', NULL), ('state_awarded', 0, 5, 'forward', 'posted_for_comment', 'forwarded_to_central', 'chair', NULL), ('state_awarded', 0, 6, 'state_awarded', 'forwarded_to_central', 'state_awarded', 'chair', NULL),
  ('state_declined', 0, 1, 'submit', 'draft', 'submitted', 'unit_head', NULL), ('state_declined', 0, 2, 'consolidate', 'submitted', 'consolidated', 'dic_officer', NULL), ('state_declined', 0, 3, 'approve', 'consolidated', 'approved', 'home_affairs_officer', 'Đủ điều kiện, tiêu chuẩn theo quy định'), ('state_declined', 0, 4, 'post_for_comment', 'approved', 'posted_for_comment', 'chair', NULL), ('state_declined', 0, 5, 'forward', 'posted_for_comment', 'forwarded_to_central', 'chair', NULL), ('state_declined', 0, 6, 'state_declined', 'forwarded_to_central', 'state_declined', 'chair', NULL);

-- Weighted surnames (per mille) and the other parts of names.
CREATE TEMP TABLE b_surname (lo int, hi int, name text);
INSERT INTO b_surname
SELECT sum(w) OVER (ORDER BY k) - w, sum(w) OVER (ORDER BY k) - 1, name
FROM (VALUES (1, 'Nguyễn', 370), (2, 'Trần', 110), (3, 'Lê', 95), (4, 'Phạm', 70), (5, 'Huỳnh', 55), (6, 'Võ', 50),
             (7, 'Phan', 45), (8, 'Hoàng', 25), (9, 'Đặng', 20), (10, 'Bùi', 20), (11, 'Trương', 20), (12, 'Đỗ', 15),
             (13, 'Hồ', 14), (14, 'Ngô', 13), (15, 'Dương', 12), (16, 'Lâm', 10), (17, 'Lương', 10), (18, 'Mai', 8),
             (19, 'Đinh', 8), (20, 'Lý', 6), (21, 'Tô', 5), (22, 'Châu', 5), (23, 'Hà', 5), (24, 'Thái', 4),
             (25, 'Tạ', 4), (26, 'Quách', 1)) AS s (k, name, w);

CREATE TEMP TABLE b_unit (k int PRIMARY KEY, id text, name text);
INSERT INTO b_unit SELECT row_number() OVER (ORDER BY code) - 1, id, name FROM units WHERE group_id IS NOT NULL AND id NOT LIKE 'bench-%';
SELECT count(*) AS demo_units FROM b_unit \gset

-- src/domain/search.rs `normalize` for the bench's names (single-spaced already): marks off, đ → d, lower case.
CREATE FUNCTION pg_temp.fold(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT lower(translate(t,
    'áÁàÀảẢãÃạẠắẮằẰẳẲẵẴặẶăĂấẤầẦẩẨẫẪậẬâÂéÉèÈẻẺẽẼẹẸếẾềỀểỂễỄệỆêÊíÍìÌỉỈĩĨịỊóÓòÒỏỎõÕọỌốỐồỒổỔỗỖộỘôÔớỚờỜởỞỡỠợỢơƠúÚùÙủỦũŨụỤứỨừỪửỬữỮựỰưƯýÝỳỲỷỶỹỸỵỴđĐ',
    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeeeeeeeiiiiiiiiiioooooooooooooooooooooooooooooooooouuuuuuuuuuuuuuuuuuuuuuyyyyyyyyyydd')) $$;

-- One row per nomination, with everything derived from its row number i.
CREATE TEMP TABLE b_nom AS
WITH base AS (
  SELECT i,
         CASE WHEN i <= :b1 THEN 1 WHEN i <= :b2 THEN 2 WHEN i <= :b3 THEN 3 WHEN i <= :b4 THEN 4
              WHEN i <= :b5 THEN 5 WHEN i % 5 IN (0, 1) THEN 6 WHEN i % 5 IN (2, 3) THEN 7 ELSE 8 END AS rk,
         abs(hashint4(i)) % 1000 AS h_status,
         CASE WHEN abs(hashint4(i + 1000000)) % 100 < 25 THEN 'state_award' ELSE 'provincial_merit' END AS form,
         CASE WHEN abs(hashint4(i + 2000000)) % 100 < 35 THEN 'collective' ELSE 'individual' END AS kind,
         abs(hashint4(i + 3000000)) % 1000 AS h_surname,
         (i::bigint * 7919) % 103680 AS k_person,
         (i::bigint * 7919) % 120000 AS k_team,
         CASE WHEN i % 25 = 0 THEN NULL ELSE 'bench-u-' || (1 + abs(hashint4(i + 4000000)) % 1000) END AS bench_unit
  FROM generate_series(1, :nominations) i
), placed AS (
  SELECT b.*, r.id AS round_id, r.movement_id, r.open,
         r.t0 + (r.t1 - r.t0) * ((b.i - r.lo)::double precision / (r.hi - r.lo + 1))
              + make_interval(mins => (abs(hashint4(b.i + 5000000)) % 600)) AS created_at,
         coalesce(b.bench_unit, (SELECT u.id FROM b_unit u WHERE u.k = (b.i / 25) % :demo_units)) AS unit_id
  FROM base b JOIN b_round r ON r.k = b.rk
), named AS (
  SELECT p.*, s.status,
         CASE WHEN s.status = 'withdrawn' AND p.i % 2 = 0 THEN 1 ELSE 0 END AS variant,
         u.name AS unit_name,
         CASE WHEN p.kind = 'individual' THEN
           concat_ws(' ', sn.name,
             (CASE WHEN p.k_person % 2 = 0
                   THEN ARRAY['Thị', 'Ngọc', 'Thu', 'Kim', 'Thanh', 'Mỹ', 'Bích', 'Hồng']
                   ELSE ARRAY['Văn', 'Hữu', 'Minh', 'Quốc', 'Đức', 'Trọng', 'Công', 'Hoàng'] END)[1 + (p.k_person / 2) % 8],
             NULLIF((CASE WHEN p.k_person % 2 = 0
                   THEN ARRAY['', 'Ngọc', 'Thanh', 'Kim', 'Phương', 'Bảo']
                   ELSE ARRAY['', 'Minh', 'Quang', 'Tuấn', 'Anh', 'Trung'] END)[1 + (p.k_person / 16) % 6], ''),
             (CASE WHEN p.k_person % 2 = 0
                   THEN ARRAY['Hoa', 'Lan', 'Mai', 'Hương', 'Hạnh', 'Hằng', 'Thảo', 'Trang', 'Linh', 'Nga', 'Nhung', 'Phượng',
                              'Yến', 'Loan', 'Thủy', 'Hiền', 'Dung', 'Liên', 'Ngân', 'Nhi', 'Oanh', 'Quyên', 'Thư', 'Thoa',
                              'Trinh', 'Tuyết', 'Uyên', 'Vân', 'Xuân', 'Diễm']
                   ELSE ARRAY['Hùng', 'Dũng', 'Tuấn', 'Hải', 'Hòa', 'Phong', 'Long', 'Nam', 'Sơn', 'Thắng', 'Trung', 'Khoa',
                              'Hiếu', 'Lộc', 'Phúc', 'Tài', 'Thành', 'Tín', 'Vinh', 'Bảo', 'Cường', 'Đạt', 'Hiển', 'Khánh',
                              'Luân', 'Nghĩa', 'Quân', 'Tâm', 'Toàn', 'Việt'] END)[1 + (p.k_person / 96) % 30])
         ELSE
           (ARRAY['Chi bộ', 'Chi đoàn', 'Chi hội Phụ nữ', 'Chi hội Nông dân', 'Chi hội Cựu chiến binh',
                  'Tổ công nghệ số cộng đồng', 'Tổ hợp tác', 'Hợp tác xã', 'Trường Tiểu học', 'Trường Trung học cơ sở',
                  'Trạm Y tế', 'Ban Nhân dân ấp', 'Tổ dân phố', 'Đội Thanh niên tình nguyện', 'Phòng Văn hóa và Thông tin',
                  'Phòng Tài chính - Kế hoạch', 'Phòng Giáo dục và Đào tạo', 'Phòng Nông nghiệp', 'Bộ phận Một cửa',
                  'Công an xã', 'Ban Chỉ huy Quân sự xã', 'Đoàn Thanh niên', 'Hội Khuyến học',
                  'Câu lạc bộ Chuyển đổi số', 'Tổ Văn phòng'])[1 + p.k_team % 25]
           || ' số ' || (1 + p.k_team / 1000) || ' xã ' ||
           (ARRAY['Mỹ An', 'Mỹ Hòa', 'Tân Hội', 'Tân Thuận Đông', 'Hòa An', 'Phong Hòa', 'Bình Thành', 'Tân Phú', 'Long Hậu',
                  'Định Yên', 'Phú Thành', 'Thường Phước', 'An Long', 'Tân Công Chí', 'Thanh Mỹ', 'Mỹ Quý', 'Hưng Thạnh',
                  'Trường Xuân', 'Láng Biển', 'Phương Trà', 'Gáo Giồng', 'Tân Nghĩa', 'Bình Hàng Trung', 'Mỹ Xương',
                  'An Bình', 'Tân Khánh Trung', 'Vĩnh Thới', 'Tân Dương', 'Hòa Long', 'Phú Hựu', 'An Hiệp', 'Tân Bình',
                  'Tân Mỹ', 'Tân Thạnh', 'Bình Tấn', 'Thông Bình', 'Tân Hộ Cơ', 'Phú Cường', 'An Phong', 'Bình Thạnh'])[1 + (p.k_team / 25) % 40]
         END AS nominee_name
  FROM placed p
  JOIN b_status s ON s.open = p.open AND s.form = p.form AND p.h_status BETWEEN s.lo AND s.hi
  JOIN b_surname sn ON p.h_surname BETWEEN sn.lo AND sn.hi
  JOIN units u ON u.id = p.unit_id
)
SELECT n.*,
       -- UUIDv7 layout: 48-bit millisecond time, version 7, variant, then the row number
       substr(h.ts, 1, 8) || '-' || substr(h.ts, 9, 4) || '-7' || lpad(to_hex(n.i % 4096), 3, '0') || '-8'
         || lpad(to_hex((n.i / 4096) % 4096), 3, '0') || '-' || lpad(to_hex(n.i), 12, '0') AS id,
       coalesce((SELECT count(*) FROM b_step st WHERE st.status = n.status AND st.variant = n.variant), 0)::int AS base_len,
       0 AS cycles,
       CASE WHEN n.kind = 'individual' THEN 1965 + (n.k_person / 2880) % 36 END AS birth_year,
       CASE WHEN n.kind = 'collective' THEN pg_temp.fold(n.nominee_name) || ' ' || pg_temp.fold(n.unit_name)
            ELSE pg_temp.fold(n.nominee_name) END AS search,
       CASE WHEN n.kind = 'collective' THEN 'team:' || n.unit_id || ':' || pg_temp.fold(n.nominee_name)
            ELSE 'person:' || pg_temp.fold(n.nominee_name) || ':' || (1965 + (n.k_person / 2880) % 36) END AS nkey
FROM named n,
     LATERAL (SELECT lpad(to_hex((extract(epoch FROM n.created_at) * 1000)::bigint), 12, '0') AS ts) h;
ALTER TABLE b_nom ADD PRIMARY KEY (i);
-- Keys are unique among the bench's rows; a person the demo already nominated in the same round
-- (and still in play) is made someone else, born 40 years earlier.
UPDATE b_nom b SET birth_year = b.birth_year - 40,
       nkey = 'person:' || pg_temp.fold(b.nominee_name) || ':' || (b.birth_year - 40)
FROM nominations d
WHERE b.kind = 'individual' AND d.round_id = b.round_id AND d.nominee_key = b.nkey;
-- Past 103,680 rows a round's name parts repeat: the n-th holder of a key in a round (n > 1)
-- is born 36 × (n - 1) years earlier (individuals) or is team "(n)" (collectives).
-- No row changes at 100,000.
CREATE TEMP TABLE b_dup AS
SELECT i, rn FROM (SELECT i, row_number() OVER (PARTITION BY round_id, nkey ORDER BY i) AS rn FROM b_nom) d WHERE rn > 1;
UPDATE b_nom b SET birth_year = b.birth_year - 36 * (d.rn - 1)::int,
       nkey = 'person:' || pg_temp.fold(b.nominee_name) || ':' || (b.birth_year - 36 * (d.rn - 1)::int)
FROM b_dup d WHERE d.i = b.i AND b.kind = 'individual';
UPDATE b_nom b SET nominee_name = b.nominee_name || ' (' || d.rn || ')',
       search = pg_temp.fold(b.nominee_name || ' (' || d.rn || ')') || ' ' || pg_temp.fold(b.unit_name),
       nkey = 'team:' || b.unit_id || ':' || pg_temp.fold(b.nominee_name || ' (' || d.rn || ')')
FROM b_dup d WHERE d.i = b.i AND b.kind = 'collective';

-- Return/resubmit cycles (0–4, skewed) so that the history holds exactly :events_target events.
SELECT :events_target - sum(base_len) AS deficit FROM b_nom \gset
-- an odd deficit: one nomination withdrawn after submitting instead of as a draft (+1 event)
UPDATE b_nom SET variant = 0, base_len = 2
WHERE i = (SELECT min(i) FROM b_nom WHERE status = 'withdrawn' AND variant = 1) AND :deficit % 2 = 1;
SELECT (:events_target - sum(base_len)) / 2 AS cycles_total, count(*) FILTER (WHERE status <> 'draft' AND variant = 0) AS eligible
FROM b_nom \gset
WITH ranked AS (
  SELECT i, (row_number() OVER (ORDER BY hashint4(i + 6000000), i) - 1)::numeric AS r
  FROM b_nom WHERE status <> 'draft' AND variant = 0
)
UPDATE b_nom n
SET cycles = (floor(:cycles_total * ((r.r + 1) / :eligible) ^ 3) - floor(:cycles_total * (r.r / :eligible) ^ 3))::int
FROM ranked r WHERE r.i = n.i;

-- When each event happened: step p at created_at + 6p days (+ a per-nomination offset).
CREATE FUNCTION pg_temp.step_at(created timestamp, i int, p int) RETURNS timestamp
  LANGUAGE sql IMMUTABLE AS $$ SELECT created + make_interval(days => 6 * p, mins => i % 480) $$;

-- Submissions: 10 batches per round, sent by DIC.
INSERT INTO submissions (id, round_id, movement_id, letter_number, letter_date, note, sent_by, sent_at)
SELECT 'bench-s-' || r.k || '-' || b, r.id, r.movement_id, (100 + r.k * 10 + b) || '/TTr-STTTT',
       (r.t1 + make_interval(days => 10 + b))::date, '', :'dic', r.t1 + make_interval(days => 10 + b)
FROM b_round r, generate_series(0, 9) b;

-- Nominations -------------------------------------------------------------------
INSERT INTO nominations (id, round_id, movement_id, unit_id, award_form, nominee_kind, nominee_unit_id, nominee_name,
                         nominee_search, nominee_key, women_share_percent, gender, birth_year, position, workplace,
                         achievement_summary, clean_record, status, submitted_at, return_reason, submission_id,
                         consolidated_at, appraisal_verdict, appraisal_opinion, appraised_at, version, created_at, updated_at)
SELECT n.id, n.round_id, n.movement_id, n.unit_id, n.form, n.kind,
       CASE WHEN n.kind = 'collective' THEN n.unit_id END,
       n.nominee_name, n.search, n.nkey,
       CASE WHEN n.kind = 'collective' THEN (30 + n.i % 60)::double precision END,
       CASE WHEN n.kind = 'individual' THEN CASE WHEN n.k_person % 2 = 0 THEN 'female' ELSE 'male' END END,
       n.birth_year,
       CASE WHEN n.kind = 'individual' THEN (ARRAY['Chuyên viên', 'Phó Trưởng phòng', 'Trưởng phòng', 'Giáo viên', 'Bác sĩ',
                                                   'Cán bộ văn hóa - xã hội', 'Công chức địa chính', 'Kế toán'])[1 + n.i % 8] ELSE '' END,
       n.unit_name,
       'Hoàn thành xuất sắc nhiệm vụ; có sáng kiến ứng dụng công nghệ số trong công tác được áp dụng hiệu quả tại đơn vị',
       true, n.status,
       CASE WHEN n.status <> 'draft' AND n.variant = 0 THEN pg_temp.step_at(n.created_at, n.i, 1 + 2 * n.cycles) END,
       CASE WHEN n.status = 'returned' THEN 'Đề nghị bổ sung biên bản họp Hội đồng thi đua' END,
       CASE WHEN n.base_len >= 2 AND n.status NOT IN ('returned', 'withdrawn') THEN 'bench-s-' || n.rk || '-' || (n.i % 10) END,
       CASE WHEN n.base_len >= 2 AND n.status NOT IN ('returned', 'withdrawn') THEN pg_temp.step_at(n.created_at, n.i, 2 + 2 * n.cycles) END,
       CASE WHEN n.base_len >= 3 AND n.status NOT IN ('returned', 'withdrawn') THEN CASE WHEN n.status = 'rejected' THEN 'reject' ELSE 'approve' END END,
       CASE WHEN n.base_len >= 3 AND n.status NOT IN ('returned', 'withdrawn') THEN
            CASE WHEN n.status = 'rejected' THEN 'Chưa đủ tiêu chuẩn theo Nghị định 98/2023/NĐ-CP' ELSE 'Đủ điều kiện, tiêu chuẩn theo quy định' END END,
       CASE WHEN n.base_len >= 3 AND n.status NOT IN ('returned', 'withdrawn') THEN pg_temp.step_at(n.created_at, n.i, 3 + 2 * n.cycles) END,
       1 + n.base_len + 2 * n.cycles,
       n.created_at,
       pg_temp.step_at(n.created_at, n.i, n.base_len + 2 * n.cycles)
FROM b_nom n
ORDER BY n.id;

-- History: step 1 (submit or withdraw), then `cycles` return/resubmit pairs, then the rest of the path.
INSERT INTO workflow_events (id, resource_type, resource_id, action, from_status, to_status, actor_id, actor_username,
                             actor_role, comment, occurred_at)
SELECT substr(h.ts, 1, 8) || '-' || substr(h.ts, 9, 4) || '-7' || lpad(to_hex(e.p), 3, '0') || '-9'
         || lpad(to_hex((n.i / 4096) % 4096), 3, '0') || '-' || lpad(to_hex(n.i), 12, '0'),
       'nomination', n.id,
       coalesce(st.action, CASE WHEN e.p % 2 = 0 THEN 'return' ELSE 'submit' END),
       coalesce(st.from_status, CASE WHEN e.p % 2 = 0 THEN 'submitted' ELSE 'returned' END),
       coalesce(st.to_status, CASE WHEN e.p % 2 = 0 THEN 'returned' ELSE 'submitted' END),
       a.actor_id, a.username, a.role,
       CASE WHEN st.status IS NULL AND e.p % 2 = 0 THEN 'Đề nghị bổ sung minh chứng thành tích' ELSE st.comment END,
       e.at
FROM b_nom n
CROSS JOIN LATERAL (SELECT p, pg_temp.step_at(n.created_at, n.i, p) AS at,
                           CASE WHEN p = 1 THEN 1 WHEN p <= 1 + 2 * n.cycles THEN NULL ELSE p - 2 * n.cycles END AS seq
                    FROM generate_series(1, n.base_len + 2 * n.cycles) p) e
LEFT JOIN b_step st ON st.status = n.status AND st.variant = n.variant AND st.seq = e.seq
CROSS JOIN LATERAL (SELECT coalesce(st.role, CASE WHEN e.p % 2 = 0 THEN 'dic_officer' ELSE 'unit_head' END) AS role) r
CROSS JOIN LATERAL (SELECT CASE r.role WHEN 'dic_officer' THEN :'dic' WHEN 'home_affairs_officer' THEN :'home'
                                       WHEN 'chair' THEN :'chair' ELSE 'bench-head-' || n.unit_id END AS actor_id,
                           CASE r.role WHEN 'dic_officer' THEN 'dic_officer' WHEN 'home_affairs_officer' THEN 'home_affairs_officer'
                                       WHEN 'chair' THEN 'chair' ELSE 'head.' || n.unit_id END AS username,
                           r.role) a
CROSS JOIN LATERAL (SELECT lpad(to_hex((extract(epoch FROM e.at) * 1000)::bigint), 12, '0') AS ts) h
ORDER BY 1;

-- Which nominations each submission carried.
INSERT INTO submission_nominations (submission_id, nomination_id)
SELECT submission_id, id FROM nominations WHERE submission_id LIKE 'bench-s-%';

-- The Chair's decisions (two per round) for provincial awards.
INSERT INTO decisions (id, round_id, movement_id, issuer_unit_id, number, year, signed_on, signer, created_by, created_at)
SELECT 'bench-d-' || r.k || '-' || b, r.id, r.movement_id, :'vpubnd', (2000 + r.k * 10 + b) || '/QĐ-UBND',
       extract(year FROM r.t1 + interval '60 days')::int, (r.t1 + make_interval(days => 60 + b))::date,
       'Chủ tịch UBND Tỉnh', :'chair', r.t1 + make_interval(days => 60 + b)
FROM b_round r, generate_series(0, 1) b;
INSERT INTO decision_nominations (decision_id, nomination_id)
SELECT 'bench-d-' || rk || '-' || (i % 2), id FROM b_nom WHERE status = 'awarded';

-- After appraisal: closed without award, posted for comment, forwarded, decided centrally.
INSERT INTO nomination_outcomes (nomination_id, not_awarded_reason, comment_opens_on, comment_closes_on, forwarded_at,
                                 central_decision_number, central_decided_on, central_recorded_at)
SELECT n.id,
       CASE WHEN n.status = 'not_awarded' THEN 'Vượt số lượng khen thưởng của đợt' END,
       CASE WHEN n.status = 'posted_for_comment' THEN current_date - n.i % 10
            WHEN n.form = 'state_award' AND n.status <> 'not_awarded' THEN pg_temp.step_at(n.created_at, n.i, 4 + 2 * n.cycles)::date END,
       CASE WHEN n.status = 'posted_for_comment' THEN current_date - n.i % 10 + 14
            WHEN n.form = 'state_award' AND n.status <> 'not_awarded' THEN pg_temp.step_at(n.created_at, n.i, 4 + 2 * n.cycles)::date + 14 END,
       CASE WHEN n.status IN ('forwarded_to_central', 'state_awarded', 'state_declined') THEN pg_temp.step_at(n.created_at, n.i, 5 + 2 * n.cycles) END,
       CASE WHEN n.status = 'state_awarded' THEN (n.i % 3000 + 1) || '/QĐ-CTN' END,
       CASE WHEN n.status IN ('state_awarded', 'state_declined') THEN pg_temp.step_at(n.created_at, n.i, 6 + 2 * n.cycles)::date END,
       CASE WHEN n.status IN ('state_awarded', 'state_declined') THEN pg_temp.step_at(n.created_at, n.i, 6 + 2 * n.cycles) END
FROM b_nom n
WHERE n.status IN ('not_awarded', 'posted_for_comment', 'forwarded_to_central', 'state_awarded', 'state_declined')
ORDER BY n.id;

-- Dossier files: the six kinds once submitted, 0–6 of them in a draft (a few bytes each).
INSERT INTO nomination_documents (id, nomination_id, kind, file_name, media_type, size_bytes, sha256, content, uploaded_by,
                                  uploaded_at, removed_at)
SELECT substr(h.ts, 1, 8) || '-' || substr(h.ts, 9, 4) || '-7' || lpad(to_hex(d.k), 3, '0') || '-a'
         || lpad(to_hex((n.i / 4096) % 4096), 3, '0') || '-' || lpad(to_hex(n.i), 12, '0'),
       n.id, d.kind, d.kind || '.pdf', 'application/pdf', 180000 + (n.i % 1000) * 100,
       '7d865e959b2466918c9863afca942d0fb89d7c9ac0c99bafc3749504ded97730', '\x255044462d312e370a'::bytea,
       'bench-head-' || n.unit_id, n.created_at + make_interval(hours => d.k), NULL
FROM b_nom n
CROSS JOIN LATERAL (SELECT k, (ARRAY['proposal_letter', 'council_minutes', 'achievement_report', 'achievement_summary',
                                     'movement_report', 'launch_plan'])[k] AS kind
                    FROM generate_series(1, CASE WHEN n.status = 'draft' OR n.variant = 1 THEN n.i % 7 ELSE 6 END) k) d
CROSS JOIN LATERAL (SELECT lpad(to_hex((extract(epoch FROM n.created_at + make_interval(hours => d.k)) * 1000)::bigint), 12, '0') AS ts) h
ORDER BY 1;

-- Quotas: what was awarded, and room for it.
UPDATE round_quotas q SET awarded = c.awarded,
       max_awards = CASE WHEN q.max_awards IS NULL THEN NULL ELSE greatest(q.max_awards, c.awarded + 50) END
FROM (SELECT round_id, award_form, nominee_kind, count(*) FILTER (WHERE status IN ('awarded', 'state_awarded')) AS awarded
      FROM nominations GROUP BY 1, 2, 3) c
WHERE c.round_id = q.round_id AND c.award_form = q.award_form AND c.nominee_kind = q.nominee_kind;

COMMIT;
VACUUM ANALYZE;
SELECT (SELECT count(*) FROM nominations) AS nominations,
       (SELECT count(*) FROM workflow_events WHERE resource_type = 'nomination') AS nomination_events;
