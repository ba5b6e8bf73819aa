//! The demo's nominations (see `nominations`): who proposed whom, for what, and where
//! each nomination ended up. Pure data.

pub(super) enum Who {
    /// A member unit (`team: None`) or a named team inside it.
    Collective {
        unit: &'static str,
        team: Option<&'static str>,
        women: f64,
    },
    Person {
        name: &'static str,
        female: bool,
        birth_year: i32,
        position: &'static str,
        workplace: &'static str,
    },
}

/// Where a nomination ended up, and what the reviewers wrote on the way.
pub(super) enum Fate {
    /// Never submitted; `documents` of the required kinds uploaded.
    Draft {
        documents: usize,
    },
    Submitted,
    Returned {
        reason: &'static str,
    },
    Withdrawn {
        comment: &'static str,
    },
    Consolidated,
    Approved {
        opinion: &'static str,
    },
    Rejected {
        opinion: &'static str,
    },
    /// In the Chair's decision; `returned_once`: DIC returned it once before (a
    /// document replaced, then submitted again).
    Awarded {
        opinion: &'static str,
        returned_once: Option<&'static str>,
    },
    NotAwarded {
        opinion: &'static str,
        reason: &'static str,
    },
    Posted {
        opinion: &'static str,
    },
    Forwarded {
        opinion: &'static str,
    },
    StateAwarded {
        opinion: &'static str,
        number: &'static str,
        decided_on: &'static str,
    },
    StateDeclined {
        opinion: &'static str,
        comment: &'static str,
        decided_on: &'static str,
    },
}

pub(super) struct Case {
    /// The proposing unit's code.
    pub(super) unit: &'static str,
    pub(super) form: &'static str,
    pub(super) who: Who,
    pub(super) summary: &'static str,
    pub(super) clean_record: bool,
    pub(super) fate: Fate,
}

pub(super) const PM: &str = "provincial_merit";
pub(super) const SA: &str = "state_award";
const OK: &str = "Đạt tiêu chuẩn, đủ hồ sơ theo quy định; đề nghị trình Chủ tịch UBND Tỉnh.";

#[rustfmt::skip]
pub(super) const INTERIM: &[Case] = &[
    Case { unit: "H-LAIVUNG", form: PM, clean_record: true,
        who: Who::Person { name: "Phan Thị Ngọc Hân", female: true, birth_year: 1990,
            position: "Công chức Văn phòng - Thống kê xã Tân Thành", workplace: "UBND xã Tân Thành, Huyện Lai Vung" },
        summary: "Thành lập và điều hành tổ công nghệ số cộng đồng của xã; hướng dẫn hơn 1.200 người dân cài đặt VNeID và nộp hồ sơ dịch vụ công trực tuyến.",
        fate: Fate::Draft { documents: 2 } },
    Case { unit: "SCT", form: PM, clean_record: true,
        who: Who::Collective { unit: "SCT", team: None, women: 48.0 },
        summary: "Đưa 100% sản phẩm OCOP của Tỉnh lên sàn thương mại điện tử; hỗ trợ 350 doanh nghiệp, hộ kinh doanh thanh toán không dùng tiền mặt.",
        fate: Fate::Submitted },
    Case { unit: "H-CAOLANH", form: PM, clean_record: true,
        who: Who::Person { name: "Lê Văn Tùng", female: false, birth_year: 1982,
            position: "Phó Chủ tịch UBND xã Mỹ Long", workplace: "UBND xã Mỹ Long, Huyện Cao Lãnh" },
        summary: "Chỉ đạo số hóa 100% hồ sơ hộ tịch của xã; tỷ lệ hồ sơ thủ tục hành chính trực tuyến toàn trình năm 2023 đạt 76%.",
        fate: Fate::Returned { reason: "Báo cáo thành tích chưa có số liệu minh chứng năm 2023 và chưa có xác nhận của UBND Huyện; đề nghị bổ sung, hoàn chỉnh hồ sơ." } },
    Case { unit: "TP-SADEC", form: PM, clean_record: true,
        who: Who::Person { name: "Trần Thị Kim Loan", female: true, birth_year: 1987,
            position: "Chuyên viên Phòng Văn hóa và Thông tin", workplace: "UBND Thành phố Sa Đéc" },
        summary: "Tham mưu xây dựng bản đồ số làng hoa Sa Đéc, tích hợp thanh toán điện tử cho 60 điểm du lịch.",
        fate: Fate::Withdrawn { comment: "Đơn vị rút hồ sơ để đề nghị khen thưởng tại đợt tổng kết giai đoạn 2022 - 2025." } },
    Case { unit: "BHXH", form: PM, clean_record: true,
        who: Who::Person { name: "Nguyễn Hoàng Phúc", female: false, birth_year: 1985,
            position: "Phó Trưởng phòng Công nghệ thông tin", workplace: "Bảo hiểm xã hội tỉnh Đồng Tháp" },
        summary: "Triển khai ứng dụng VssID cho 92% người tham gia bảo hiểm; liên thông dữ liệu khám, chữa bệnh với 100% cơ sở y tế.",
        fate: Fate::Consolidated },
    // Flagged: an unresolved complaint was declared; approved on merit, never awarded.
    Case { unit: "SGDDT", form: PM, clean_record: false,
        who: Who::Person { name: "Võ Thị Thanh Thảo", female: true, birth_year: 1984,
            position: "Phó Trưởng phòng Giáo dục Trung học", workplace: "Sở Giáo dục và Đào tạo" },
        summary: "Chủ trì xây dựng kho học liệu số dùng chung của ngành với hơn 4.000 bài giảng điện tử.",
        fate: Fate::Approved { opinion: "Thành tích đạt tiêu chuẩn; đề nghị chờ kết quả giải quyết khiếu nại trước khi trình khen thưởng." } },
    Case { unit: "TP-HONGNGU", form: PM, clean_record: true,
        who: Who::Collective { unit: "TP-HONGNGU", team: None, women: 41.0 },
        summary: "Triển khai hệ thống camera giám sát an ninh trật tự và wifi công cộng tại trung tâm thành phố.",
        fate: Fate::Rejected { opinion: "Không đạt: tỷ lệ hồ sơ thủ tục hành chính trực tuyến toàn trình năm 2023 đạt 38%, thấp hơn chỉ tiêu của Kế hoạch số 207/KH-UBND." } },
    Case { unit: "H-THAPMUOI", form: PM, clean_record: true,
        who: Who::Collective { unit: "H-THAPMUOI", team: None, women: 46.0 },
        summary: "Dẫn đầu Cụm thi đua số 2 về chuyển đổi số năm 2022 và 2023; 100% xã, thị trấn có tổ công nghệ số cộng đồng; 82% hồ sơ được xử lý trực tuyến toàn trình.",
        fate: Fate::Awarded { opinion: OK, returned_once: None } },
    Case { unit: "SYT", form: PM, clean_record: true,
        who: Who::Collective { unit: "SYT", team: Some("Phòng Công nghệ thông tin Bệnh viện Đa khoa Đồng Tháp"), women: 71.4 },
        summary: "Triển khai bệnh án điện tử tại Bệnh viện Đa khoa Đồng Tháp từ tháng 6/2023; kết nối khám, chữa bệnh từ xa với Bệnh viện Chợ Rẫy.",
        fate: Fate::Awarded { opinion: OK, returned_once: None } },
    Case { unit: "VNPT", form: PM, clean_record: true,
        who: Who::Collective { unit: "VNPT", team: None, women: 34.0 },
        summary: "Phủ sóng 4G đến 100% ấp, khóm; vận hành nền tảng chính quyền số và hệ thống thông tin giải quyết thủ tục hành chính của Tỉnh.",
        fate: Fate::Awarded { opinion: OK, returned_once: None } },
    Case { unit: "H-THAPMUOI", form: PM, clean_record: true,
        who: Who::Person { name: "Đặng Thị Mỹ Linh", female: true, birth_year: 1988,
            position: "Chuyên viên Phòng Văn hóa và Thông tin", workplace: "UBND Huyện Tháp Mười" },
        summary: "Tham mưu thành lập 13/13 tổ công nghệ số cộng đồng; hướng dẫn người dân nộp hơn 5.000 hồ sơ dịch vụ công trực tuyến.",
        fate: Fate::Awarded { opinion: OK, returned_once: None } },
    Case { unit: "SNNPTNT", form: PM, clean_record: true,
        who: Who::Person { name: "Huỳnh Văn Phước", female: false, birth_year: 1979,
            position: "Phó Chi cục trưởng Chi cục Trồng trọt và Bảo vệ thực vật", workplace: "Sở Nông nghiệp và Phát triển nông thôn" },
        summary: "Chủ trì xây dựng bản đồ số vùng trồng xoài, sen, lúa; cấp 215 mã số vùng trồng gắn truy xuất nguồn gốc điện tử.",
        fate: Fate::Awarded { opinion: OK, returned_once: Some("Biên bản họp Hội đồng Thi đua - Khen thưởng chưa có chữ ký của Chủ tịch Hội đồng; đề nghị bổ sung.") } },
    Case { unit: "SYT", form: PM, clean_record: true,
        who: Who::Person { name: "Lê Thị Bích Ngọc", female: true, birth_year: 1986,
            position: "Bác sĩ, Trưởng khoa Khám bệnh", workplace: "Bệnh viện Đa khoa khu vực Sa Đéc" },
        summary: "Đưa vào vận hành đặt lịch khám trực tuyến và thanh toán không dùng tiền mặt, giảm 40% thời gian chờ khám của người bệnh.",
        fate: Fate::Awarded { opinion: OK, returned_once: None } },
    Case { unit: "STC", form: PM, clean_record: true,
        who: Who::Person { name: "Phạm Quốc Huy", female: false, birth_year: 1981,
            position: "Trưởng phòng Tin học và Thống kê", workplace: "Sở Tài chính" },
        summary: "Triển khai phần mềm quản lý tài sản công và ngân sách trực tuyến cho 100% đơn vị dự toán cấp Tỉnh.",
        fate: Fate::NotAwarded { opinion: OK,
            reason: "Cá nhân đã được tặng Bằng khen của Chủ tịch UBND Tỉnh tại Quyết định số 1520/QĐ-UBND ngày 15/8/2023 cho cùng thành tích; không khen thưởng trùng." } },
    Case { unit: "SGDDT", form: SA, clean_record: true,
        who: Who::Person { name: "Trương Thị Mỹ Dung", female: true, birth_year: 1976,
            position: "Hiệu trưởng Trường THPT Thành phố Cao Lãnh", workplace: "Trường THPT Thành phố Cao Lãnh, Sở Giáo dục và Đào tạo" },
        summary: "Đề nghị Bằng khen của Thủ tướng Chính phủ: xây dựng mô hình trường học số đầu tiên của Tỉnh; 100% học sinh học tập trên nền tảng trực tuyến của ngành.",
        fate: Fate::Posted { opinion: "Đủ điều kiện đề nghị Bằng khen của Thủ tướng Chính phủ; đề nghị lấy ý kiến công khai." } },
    Case { unit: "TP-CAOLANH", form: SA, clean_record: true,
        who: Who::Collective { unit: "TP-CAOLANH", team: None, women: 52.0 },
        summary: "Đề nghị Bằng khen của Thủ tướng Chính phủ: vận hành Trung tâm giám sát, điều hành đô thị thông minh; 100% phường, xã có dịch vụ công trực tuyến toàn trình.",
        fate: Fate::Forwarded { opinion: "Đủ điều kiện đề nghị Bằng khen của Thủ tướng Chính phủ." } },
    Case { unit: "TP-SADEC", form: SA, clean_record: true,
        who: Who::Collective { unit: "TP-SADEC", team: None, women: 55.0 },
        summary: "Đề nghị Huân chương Lao động hạng Ba: thành phố dẫn đầu Cụm thi đua số 3 về chuyển đổi số ba năm liền; mô hình làng hoa thông minh được nhân rộng.",
        fate: Fate::StateAwarded { opinion: "Đủ điều kiện đề nghị Huân chương Lao động hạng Ba.", number: "1234/QĐ-CTN", decided_on: "2024-03-20" } },
    Case { unit: "CUC-THUE", form: SA, clean_record: true,
        who: Who::Person { name: "Đỗ Thanh Bình", female: false, birth_year: 1972,
            position: "Phó Cục trưởng", workplace: "Cục Thuế tỉnh Đồng Tháp" },
        summary: "Đề nghị Bằng khen của Thủ tướng Chính phủ: 99,8% doanh nghiệp khai thuế điện tử; triển khai hóa đơn điện tử khởi tạo từ máy tính tiền.",
        fate: Fate::StateDeclined { opinion: "Đủ điều kiện đề nghị Bằng khen của Thủ tướng Chính phủ.",
            comment: "Hội đồng Thi đua - Khen thưởng Trung ương không xét: chưa đủ thời gian từ lần khen thưởng trước (Công văn số 845/BTĐKT-VI ngày 05/4/2024).",
            decided_on: "2024-04-05" } },
];

/// Other units' drafts: the demo unit's accounts start the final round with none.
#[rustfmt::skip]
pub(super) const FINAL: &[Case] = &[
    Case { unit: "SKHCN", form: PM, clean_record: true,
        who: Who::Person { name: "Ngô Thị Phương Thảo", female: true, birth_year: 1991,
            position: "Chuyên viên Phòng Quản lý công nghệ", workplace: "Sở Khoa học và Công nghệ" },
        summary: "Xây dựng cơ sở dữ liệu khoa học và công nghệ của Tỉnh; công bố 12 bộ dữ liệu mở.",
        fate: Fate::Draft { documents: 6 } },
    Case { unit: "H-LAPVO", form: PM, clean_record: true,
        who: Who::Collective { unit: "H-LAPVO", team: Some("Tổ công nghệ số cộng đồng xã Tân Mỹ"), women: 64.0 },
        summary: "Hỗ trợ 100% hộ kinh doanh của xã mở tài khoản thanh toán điện tử; hướng dẫn người dân sử dụng dịch vụ công trực tuyến.",
        fate: Fate::Draft { documents: 3 } },
    Case { unit: "DPTTH", form: PM, clean_record: true,
        who: Who::Person { name: "Trần Minh Khang", female: false, birth_year: 1989,
            position: "Biên tập viên Phòng Thời sự", workplace: "Đài Phát thanh và Truyền hình Đồng Tháp" },
        summary: "Thực hiện chuyên mục “Chuyển đổi số” phát sóng hằng tuần giai đoạn 2022 - 2025.",
        fate: Fate::Draft { documents: 1 } },
    Case { unit: "H-CHAUTHANH", form: PM, clean_record: true,
        who: Who::Person { name: "Nguyễn Thị Kiều Oanh", female: true, birth_year: 1993,
            position: "Công chức Văn hóa - Xã hội xã An Nhơn", workplace: "UBND xã An Nhơn, Huyện Châu Thành" },
        summary: "Vận hành trang thông tin điện tử và nhóm Zalo của xã; 95% hồ sơ của xã nộp trực tuyến năm 2025.",
        fate: Fate::Draft { documents: 2 } },
];
