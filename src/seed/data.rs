//! Demo data: the Đồng Tháp plan 207/KH-UBND (7 June 2022) as the first movement,
//! the province's emulation blocs and clusters with their member units of 2022.
//! Pure data; `seed::load_demo` stores it through the application layer.

use crate::domain::award::{AwardForm, NomineeKind, RoundKind};
use crate::domain::organisation::{GroupKind, UnitKind};

pub struct GroupSeed {
    pub code: &'static str,
    pub name: &'static str,
    pub kind: GroupKind,
    pub description: &'static str,
}

pub struct UnitSeed {
    pub code: &'static str,
    pub name: &'static str,
    pub kind: UnitKind,
    pub group_code: Option<&'static str>,
}

pub struct FieldSeed {
    pub code: &'static str,
    pub name: &'static str,
}

pub struct ContentItemSeed {
    /// "a" … "j", as in section II.3 of the plan
    pub code: &'static str,
    pub text: &'static str,
}

pub struct CriterionSeed {
    pub code: &'static str,
    pub title: &'static str,
    /// a FieldSeed code
    pub field_code: &'static str,
    pub unit_of_measure: &'static str,
    pub max_score: f64,
}

pub struct QuotaSeed {
    pub award_form: AwardForm,
    pub nominee_kind: NomineeKind,
    /// None = no fixed quota (state awards follow the Emulation Board's guidance)
    pub max_awards: Option<i32>,
}

pub struct RoundSeed {
    pub code: &'static str,
    pub kind: RoundKind,
    pub title: &'static str,
    pub period_start_year: i32,
    pub period_end_year: i32,
    /// YYYY-MM-DD
    pub nomination_opens_on: &'static str,
    pub nomination_closes_on: &'static str,
    /// The round the demo keeps open: its window closes on `nomination_closes_on` or
    /// [`OPEN_ROUND_DAYS`] after the day the demo is loaded, whichever is later, so the
    /// README's walk-through works whenever the demo is loaded.
    pub stays_open: bool,
    pub report_due_on: &'static str,
    pub quotas: &'static [QuotaSeed],
}

pub struct MovementSeed {
    pub code: &'static str,
    pub title: &'static str,
    pub theme: &'static str,
    pub period_start_year: i32,
    pub period_end_year: i32,
    pub legal_basis: &'static str,
    pub plan_document: &'static str,
    pub standing_unit_code: &'static str,
    pub appraising_unit_code: &'static str,
    pub fields: &'static [FieldSeed],
    pub content_items: &'static [ContentItemSeed],
    pub criteria: &'static [CriterionSeed],
    pub rounds: &'static [RoundSeed],
}

/// The province's emulation blocs (Khối) and clusters (Cụm) of 2022.
#[rustfmt::skip]
pub const GROUPS: &[GroupSeed] = &[
    GroupSeed {
        code: "KHOI-KT",
        name: "Khối thi đua các Sở, ngành kinh tế",
        kind: GroupKind::Bloc,
        description: "Các Sở, ban, ngành Tỉnh tham mưu quản lý nhà nước về kinh tế, tài chính, nông nghiệp, công thương, xây dựng, giao thông, tài nguyên, khoa học và công nghệ, khu công nghiệp.",
    },
    GroupSeed {
        code: "KHOI-VHXH",
        name: "Khối thi đua các Sở, ngành văn hóa – xã hội",
        kind: GroupKind::Bloc,
        description: "Các Sở, ngành Tỉnh và cơ quan báo chí tham mưu quản lý nhà nước về y tế, giáo dục, lao động – xã hội, văn hóa, thể thao, du lịch, thông tin và truyền thông.",
    },
    GroupSeed {
        code: "KHOI-NCTH",
        name: "Khối thi đua các cơ quan nội chính – tổng hợp",
        kind: GroupKind::Bloc,
        description: "Các cơ quan tham mưu tổng hợp, nội vụ, tư pháp, thanh tra, ngoại vụ của Tỉnh và các tổ chức chính trị – xã hội cấp Tỉnh.",
    },
    GroupSeed {
        code: "KHOI-TW",
        name: "Khối thi đua các cơ quan Trung ương và doanh nghiệp trên địa bàn Tỉnh",
        kind: GroupKind::Bloc,
        description: "Các cơ quan, đơn vị thuộc cơ quan Trung ương đóng trên địa bàn Tỉnh và các doanh nghiệp viễn thông, công nghệ thông tin.",
    },
    GroupSeed {
        code: "CUM-1",
        name: "Cụm thi đua số 1",
        kind: GroupKind::Cluster,
        description: "Các huyện, thành phố vùng thượng của Tỉnh: Tân Hồng, Hồng Ngự, Thành phố Hồng Ngự, Tam Nông, Thanh Bình.",
    },
    GroupSeed {
        code: "CUM-2",
        name: "Cụm thi đua số 2",
        kind: GroupKind::Cluster,
        description: "Các huyện, thành phố vùng giữa của Tỉnh: Thành phố Cao Lãnh, Cao Lãnh, Tháp Mười.",
    },
    GroupSeed {
        code: "CUM-3",
        name: "Cụm thi đua số 3",
        kind: GroupKind::Cluster,
        description: "Các huyện, thành phố vùng hạ của Tỉnh: Thành phố Sa Đéc, Lấp Vò, Lai Vung, Châu Thành.",
    },
];

/// Member units of the blocs and clusters, as they were named in 2022.
#[rustfmt::skip]
pub const UNITS: &[UnitSeed] = &[
    // Khối kinh tế
    UnitSeed { code: "SKHDT", name: "Sở Kế hoạch và Đầu tư", kind: UnitKind::Department, group_code: Some("KHOI-KT") },
    UnitSeed { code: "STC", name: "Sở Tài chính", kind: UnitKind::Department, group_code: Some("KHOI-KT") },
    UnitSeed { code: "SNNPTNT", name: "Sở Nông nghiệp và Phát triển nông thôn", kind: UnitKind::Department, group_code: Some("KHOI-KT") },
    UnitSeed { code: "SCT", name: "Sở Công Thương", kind: UnitKind::Department, group_code: Some("KHOI-KT") },
    UnitSeed { code: "SXD", name: "Sở Xây dựng", kind: UnitKind::Department, group_code: Some("KHOI-KT") },
    UnitSeed { code: "SGTVT", name: "Sở Giao thông vận tải", kind: UnitKind::Department, group_code: Some("KHOI-KT") },
    UnitSeed { code: "STNMT", name: "Sở Tài nguyên và Môi trường", kind: UnitKind::Department, group_code: Some("KHOI-KT") },
    UnitSeed { code: "SKHCN", name: "Sở Khoa học và Công nghệ", kind: UnitKind::Department, group_code: Some("KHOI-KT") },
    UnitSeed { code: "BQLKCN", name: "Ban Quản lý các Khu công nghiệp", kind: UnitKind::Department, group_code: Some("KHOI-KT") },
    // Khối văn hóa – xã hội
    UnitSeed { code: "STTTT", name: "Sở Thông tin và Truyền thông", kind: UnitKind::Department, group_code: Some("KHOI-VHXH") },
    UnitSeed { code: "SYT", name: "Sở Y tế", kind: UnitKind::Department, group_code: Some("KHOI-VHXH") },
    UnitSeed { code: "SGDDT", name: "Sở Giáo dục và Đào tạo", kind: UnitKind::Department, group_code: Some("KHOI-VHXH") },
    UnitSeed { code: "SLDTBXH", name: "Sở Lao động - Thương binh và Xã hội", kind: UnitKind::Department, group_code: Some("KHOI-VHXH") },
    UnitSeed { code: "SVHTTDL", name: "Sở Văn hóa, Thể thao và Du lịch", kind: UnitKind::Department, group_code: Some("KHOI-VHXH") },
    UnitSeed { code: "DPTTH", name: "Đài Phát thanh và Truyền hình Đồng Tháp", kind: UnitKind::Organisation, group_code: Some("KHOI-VHXH") },
    UnitSeed { code: "BAODT", name: "Báo Đồng Tháp", kind: UnitKind::Organisation, group_code: Some("KHOI-VHXH") },
    // Khối nội chính – tổng hợp
    UnitSeed { code: "VPUBND", name: "Văn phòng UBND Tỉnh", kind: UnitKind::Department, group_code: Some("KHOI-NCTH") },
    UnitSeed { code: "SNV", name: "Sở Nội vụ", kind: UnitKind::Department, group_code: Some("KHOI-NCTH") },
    UnitSeed { code: "STP", name: "Sở Tư pháp", kind: UnitKind::Department, group_code: Some("KHOI-NCTH") },
    UnitSeed { code: "SNGV", name: "Sở Ngoại vụ", kind: UnitKind::Department, group_code: Some("KHOI-NCTH") },
    UnitSeed { code: "TTT", name: "Thanh tra Tỉnh", kind: UnitKind::Department, group_code: Some("KHOI-NCTH") },
    UnitSeed { code: "UBMTTQ", name: "Ủy ban Mặt trận Tổ quốc Việt Nam Tỉnh", kind: UnitKind::MassOrganisation, group_code: Some("KHOI-NCTH") },
    UnitSeed { code: "TINH-DOAN", name: "Tỉnh Đoàn Đồng Tháp", kind: UnitKind::MassOrganisation, group_code: Some("KHOI-NCTH") },
    // Khối cơ quan Trung ương và doanh nghiệp
    UnitSeed { code: "CUC-THUE", name: "Cục Thuế tỉnh Đồng Tháp", kind: UnitKind::CentralAgency, group_code: Some("KHOI-TW") },
    UnitSeed { code: "KBNN", name: "Kho bạc Nhà nước Đồng Tháp", kind: UnitKind::CentralAgency, group_code: Some("KHOI-TW") },
    UnitSeed { code: "BHXH", name: "Bảo hiểm xã hội tỉnh Đồng Tháp", kind: UnitKind::CentralAgency, group_code: Some("KHOI-TW") },
    UnitSeed { code: "NHNN", name: "Ngân hàng Nhà nước Việt Nam - Chi nhánh tỉnh Đồng Tháp", kind: UnitKind::CentralAgency, group_code: Some("KHOI-TW") },
    UnitSeed { code: "VNPT", name: "VNPT Đồng Tháp", kind: UnitKind::Enterprise, group_code: Some("KHOI-TW") },
    UnitSeed { code: "VIETTEL", name: "Viettel Đồng Tháp", kind: UnitKind::Enterprise, group_code: Some("KHOI-TW") },
    // Cụm thi đua số 1 (vùng thượng)
    UnitSeed { code: "H-TANHONG", name: "UBND Huyện Tân Hồng", kind: UnitKind::Locality, group_code: Some("CUM-1") },
    UnitSeed { code: "H-HONGNGU", name: "UBND Huyện Hồng Ngự", kind: UnitKind::Locality, group_code: Some("CUM-1") },
    UnitSeed { code: "TP-HONGNGU", name: "UBND Thành phố Hồng Ngự", kind: UnitKind::Locality, group_code: Some("CUM-1") },
    UnitSeed { code: "H-TAMNONG", name: "UBND Huyện Tam Nông", kind: UnitKind::Locality, group_code: Some("CUM-1") },
    UnitSeed { code: "H-THANHBINH", name: "UBND Huyện Thanh Bình", kind: UnitKind::Locality, group_code: Some("CUM-1") },
    // Cụm thi đua số 2 (vùng giữa)
    UnitSeed { code: "TP-CAOLANH", name: "UBND Thành phố Cao Lãnh", kind: UnitKind::Locality, group_code: Some("CUM-2") },
    UnitSeed { code: "H-CAOLANH", name: "UBND Huyện Cao Lãnh", kind: UnitKind::Locality, group_code: Some("CUM-2") },
    UnitSeed { code: "H-THAPMUOI", name: "UBND Huyện Tháp Mười", kind: UnitKind::Locality, group_code: Some("CUM-2") },
    // Cụm thi đua số 3 (vùng hạ)
    UnitSeed { code: "TP-SADEC", name: "UBND Thành phố Sa Đéc", kind: UnitKind::Locality, group_code: Some("CUM-3") },
    UnitSeed { code: "H-LAPVO", name: "UBND Huyện Lấp Vò", kind: UnitKind::Locality, group_code: Some("CUM-3") },
    UnitSeed { code: "H-LAIVUNG", name: "UBND Huyện Lai Vung", kind: UnitKind::Locality, group_code: Some("CUM-3") },
    UnitSeed { code: "H-CHAUTHANH", name: "UBND Huyện Châu Thành", kind: UnitKind::Locality, group_code: Some("CUM-3") },
    // Sub-units (issue 12 item 6): in no bloc or cluster of their own; their parent is in
    // `PARENTS`. Listed after their parents, which are stored first.
    UnitSeed { code: "SYT-BVDK", name: "Bệnh viện Đa khoa Đồng Tháp", kind: UnitKind::Organisation, group_code: None },
    UnitSeed { code: "SYT-CDC", name: "Trung tâm Kiểm soát bệnh tật tỉnh Đồng Tháp", kind: UnitKind::Organisation, group_code: None },
    UnitSeed { code: "SYT-BVDK-KCC", name: "Khoa Cấp cứu - Bệnh viện Đa khoa Đồng Tháp", kind: UnitKind::Organisation, group_code: None },
    UnitSeed { code: "STTTT-TTCNTT", name: "Trung tâm Công nghệ thông tin và Truyền thông", kind: UnitKind::Organisation, group_code: None },
    UnitSeed { code: "TM-MYAN", name: "UBND Thị trấn Mỹ An", kind: UnitKind::Locality, group_code: None },
    UnitSeed { code: "TM-TRUONGXUAN", name: "UBND xã Trường Xuân", kind: UnitKind::Locality, group_code: None },
    UnitSeed { code: "TM-MYHOA", name: "UBND xã Mỹ Hòa", kind: UnitKind::Locality, group_code: None },
    UnitSeed { code: "CL-MYTHO", name: "UBND xã Mỹ Thọ", kind: UnitKind::Locality, group_code: None },
];

/// (sub-unit, parent) by code: a department's hospital and centres (one with a ward of
/// its own), and communes of two localities.
#[rustfmt::skip]
pub const PARENTS: &[(&str, &str)] = &[
    ("SYT-BVDK", "SYT"),
    ("SYT-CDC", "SYT"),
    ("SYT-BVDK-KCC", "SYT-BVDK"),
    ("STTTT-TTCNTT", "STTTT"),
    ("TM-MYAN", "H-THAPMUOI"),
    ("TM-TRUONGXUAN", "H-THAPMUOI"),
    ("TM-MYHOA", "H-THAPMUOI"),
    ("CL-MYTHO", "H-CAOLANH"),
];

/// How long the demo's open round stays open after the day the demo is loaded.
pub const OPEN_ROUND_DAYS: i64 = 90;

/// The unit of the demo's `unit_officer` and `unit_head` accounts.
pub const DEMO_UNIT_CODE: &str = "H-THAPMUOI";

/// Kế hoạch số 207/KH-UBND ngày 07/6/2022 as the first movement.
#[rustfmt::skip]
pub const MOVEMENT: MovementSeed = MovementSeed {
    code: "CDS-2021-2025",
    title: "Đồng Tháp đẩy mạnh chương trình chuyển đổi số",
    theme: "Thi đua xây dựng chính quyền số, phát triển kinh tế số, xã hội số",
    period_start_year: 2021,
    period_end_year: 2025,
    legal_basis: "Luật Thi đua, Khen thưởng (Điều 16) và Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ; Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt “Chương trình chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030”; Nghị quyết số 04-NQ/TU ngày 31/12/2021 của Ban Chấp hành Đảng bộ tỉnh Đồng Tháp Khóa XI về chuyển đổi số tỉnh Đồng Tháp giai đoạn 2021 - 2025, định hướng đến năm 2030.",
    plan_document: "Kế hoạch số 207/KH-UBND ngày 07/6/2022 của UBND tỉnh Đồng Tháp",
    standing_unit_code: "STTTT",
    appraising_unit_code: "SNV",
    fields: &[
        FieldSeed { code: "agriculture", name: "Nông nghiệp" },
        FieldSeed { code: "health", name: "Y tế" },
        FieldSeed { code: "education", name: "Giáo dục và đào tạo" },
        FieldSeed { code: "other", name: "Các lĩnh vực còn lại" },
    ],
    content_items: &[
        ContentItemSeed {
            code: "a",
            text: "Tăng cường công tác lãnh đạo, chỉ đạo, đẩy mạnh công tác tuyên truyền, tổ chức phổ biến, triển khai, quán triệt chủ trương của Đảng, nâng cao nhận thức của các cấp ủy Đảng, chính quyền, người dân và doanh nghiệp về sự cần thiết và tính cấp thiết của chuyển đổi số, chính quyền số, kinh tế số, xã hội số.",
        },
        ContentItemSeed {
            code: "b",
            text: "Xây dựng chương trình, kế hoạch và đẩy nhanh tiến trình chuyển đổi số theo từng ngành, lĩnh vực, địa phương, đơn vị; chủ động rà soát, tham mưu sửa đổi, xây dựng các cơ chế, chính sách của Tỉnh nhằm tạo môi trường pháp lý thuận lợi cho chuyển đổi số, thúc đẩy chuyển đổi số, phát triển chính quyền số.",
        },
        ContentItemSeed {
            code: "c",
            text: "Tích cực bồi dưỡng kiến thức, kỹ năng về công nghệ số, chuyển đổi số cho đội ngũ cán bộ, công chức, viên chức, người lao động, nhất là đội ngũ cán bộ lãnh đạo chủ chốt các cấp, người dân và doanh nghiệp; đào tạo chuyên sâu cho cán bộ công nghệ thông tin để trở thành chuyên gia nòng cốt về chuyển đổi số; thu hút nguồn nhân lực công nghệ thông tin chất lượng cao.",
        },
        ContentItemSeed {
            code: "d",
            text: "Ưu tiên và bảo đảm các nguồn lực để thực hiện các hoạt động chuyển đổi số.",
        },
        ContentItemSeed {
            code: "e",
            text: "Tăng cường đầu tư, phát triển hạ tầng số, nền tảng số, sẵn sàng thử nghiệm các giải pháp, công nghệ mới nhằm đáp ứng yêu cầu và thúc đẩy nhanh tiến trình chuyển đổi số.",
        },
        ContentItemSeed {
            code: "f",
            text: "Tích cực xây dựng, tạo lập dữ liệu mở phục vụ người dân, doanh nghiệp khai thác, truy cập, sử dụng, góp phần công khai, minh bạch, phòng, chống tiêu cực, tham nhũng, thúc đẩy phát triển các dịch vụ số.",
        },
        ContentItemSeed {
            code: "g",
            text: "Tăng cường quản lý an ninh mạng, bảo mật thông tin và an toàn dữ liệu, phòng chống hiệu quả các hoạt động phá hoại, thâm nhập hệ thống quản lý, điều hành chính quyền điện tử, tạo niềm tin vào tiến trình chuyển đổi số, hoạt động trên môi trường số.",
        },
        ContentItemSeed {
            code: "h",
            text: "Tích cực tổ chức các phong trào thi đua thiết thực, hiệu quả với nội dung, hình thức phong phú, đa dạng, bám sát các nhiệm vụ chính trị của cơ quan, đơn vị, địa phương nhằm thu hút, tập hợp sự tham gia, ủng hộ của các tổ chức, cá nhân trong và ngoài tỉnh xây dựng chính quyền số, phát triển kinh tế số, xã hội số.",
        },
        ContentItemSeed {
            code: "i",
            text: "Chú trọng ưu tiên, thi đua đẩy mạnh chuyển đổi số trong ba lĩnh vực: nông nghiệp (cơ sở dữ liệu nông nghiệp trên nền tảng dữ liệu lớn, bản đồ số nông nghiệp, ứng dụng công nghệ số, IoT, truy xuất nguồn gốc, thương mại điện tử); y tế (hệ thống thông tin điều hành y tế thông minh, bệnh viện thông minh, bệnh án điện tử, kết nối trực tuyến với các bệnh viện lớn); giáo dục và đào tạo (cơ sở dữ liệu dùng chung của ngành, mô hình STEM/STEAM, số hoá tài liệu, giáo trình, hệ thống đào tạo trực tuyến).",
        },
        ContentItemSeed {
            code: "j",
            text: "Các lĩnh vực còn lại, thực hiện chuyển đổi số trong phạm vi lĩnh vực ngành phụ trách để nâng cao tinh thần thực hiện chuyển đổi số, nâng cao hiệu quả hoạt động quản lý, điều hành của các cơ quan Đảng, Nhà nước và các tổ chức chính trị - xã hội; nâng cao sức cạnh tranh của doanh nghiệp và đời sống vật chất, tinh thần của người dân.",
        },
    ],
    criteria: &[
        CriterionSeed { code: "NN-01", title: "Số cơ sở dữ liệu nông nghiệp được số hoá và chia sẻ", field_code: "agriculture", unit_of_measure: "cơ sở dữ liệu", max_score: 7.0 },
        CriterionSeed { code: "NN-02", title: "Tỷ lệ diện tích vùng sản xuất được cập nhật trên bản đồ số nông nghiệp", field_code: "agriculture", unit_of_measure: "%", max_score: 6.0 },
        CriterionSeed { code: "NN-03", title: "Số mô hình sản xuất nông nghiệp ứng dụng công nghệ số, thiết bị IoT", field_code: "agriculture", unit_of_measure: "mô hình", max_score: 6.0 },
        CriterionSeed { code: "NN-04", title: "Tỷ lệ sản phẩm nông nghiệp chủ lực được truy xuất nguồn gốc điện tử và tham gia sàn giao dịch thương mại điện tử", field_code: "agriculture", unit_of_measure: "%", max_score: 6.0 },
        CriterionSeed { code: "YT-01", title: "Tỷ lệ bệnh viện triển khai bệnh án điện tử", field_code: "health", unit_of_measure: "%", max_score: 8.0 },
        CriterionSeed { code: "YT-02", title: "Tỷ lệ người dân được lập hồ sơ sức khoẻ điện tử", field_code: "health", unit_of_measure: "%", max_score: 7.0 },
        CriterionSeed { code: "YT-03", title: "Số hệ thống kết nối khám, chữa bệnh trực tuyến với các bệnh viện lớn của vùng, cả nước", field_code: "health", unit_of_measure: "hệ thống", max_score: 7.0 },
        CriterionSeed { code: "GD-01", title: "Tỷ lệ trường học triển khai đào tạo trực tuyến / STEM", field_code: "education", unit_of_measure: "%", max_score: 8.0 },
        CriterionSeed { code: "GD-02", title: "Tỷ lệ cơ sở giáo dục cập nhật đầy đủ cơ sở dữ liệu dùng chung của ngành", field_code: "education", unit_of_measure: "%", max_score: 6.0 },
        CriterionSeed { code: "GD-03", title: "Số lượt công chức, viên chức ngành giáo dục được bồi dưỡng kiến thức số, kỹ năng số", field_code: "education", unit_of_measure: "lượt người", max_score: 6.0 },
        CriterionSeed { code: "KH-01", title: "Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến toàn trình", field_code: "other", unit_of_measure: "%", max_score: 10.0 },
        CriterionSeed { code: "KH-02", title: "Số lượt cán bộ, công chức, viên chức, người dân và doanh nghiệp được bồi dưỡng kỹ năng số, chuyển đổi số", field_code: "other", unit_of_measure: "lượt người", max_score: 8.0 },
        CriterionSeed { code: "KH-03", title: "Số cơ sở dữ liệu mở được công bố cho người dân, doanh nghiệp khai thác", field_code: "other", unit_of_measure: "cơ sở dữ liệu", max_score: 7.0 },
        CriterionSeed { code: "KH-04", title: "Số hệ thống thông tin được phê duyệt hồ sơ cấp độ và bảo đảm an toàn thông tin", field_code: "other", unit_of_measure: "hệ thống", max_score: 8.0 },
    ],
    rounds: &[
        RoundSeed {
            code: "SK-2022-2023",
            kind: RoundKind::Interim,
            title: "Sơ kết phong trào thi đua chuyển đổi số giai đoạn 2022 - 2023",
            period_start_year: 2022,
            period_end_year: 2023,
            nomination_opens_on: "2023-10-01",
            nomination_closes_on: "2023-11-30",
            stays_open: false,
            report_due_on: "2023-11-15",
            quotas: &[
                QuotaSeed { award_form: AwardForm::ProvincialMerit, nominee_kind: NomineeKind::Collective, max_awards: Some(10) },
                QuotaSeed { award_form: AwardForm::ProvincialMerit, nominee_kind: NomineeKind::Individual, max_awards: Some(20) },
                QuotaSeed { award_form: AwardForm::StateAward, nominee_kind: NomineeKind::Collective, max_awards: None },
                QuotaSeed { award_form: AwardForm::StateAward, nominee_kind: NomineeKind::Individual, max_awards: None },
            ],
        },
        RoundSeed {
            code: "TK-2022-2025",
            kind: RoundKind::Final,
            title: "Tổng kết phong trào thi đua chuyển đổi số giai đoạn 2022 - 2025",
            period_start_year: 2022,
            period_end_year: 2025,
            nomination_opens_on: "2025-10-01",
            // At least until the end of 2026, and OPEN_ROUND_DAYS after the demo is loaded.
            nomination_closes_on: "2026-12-31",
            stays_open: true,
            report_due_on: "2025-11-15",
            quotas: &[
                QuotaSeed { award_form: AwardForm::ProvincialMerit, nominee_kind: NomineeKind::Collective, max_awards: Some(20) },
                QuotaSeed { award_form: AwardForm::ProvincialMerit, nominee_kind: NomineeKind::Individual, max_awards: Some(30) },
                QuotaSeed { award_form: AwardForm::StateAward, nominee_kind: NomineeKind::Collective, max_awards: None },
                QuotaSeed { award_form: AwardForm::StateAward, nominee_kind: NomineeKind::Individual, max_awards: None },
            ],
        },
    ],
};
