//! What a 403 says (issue 11 item 12): who may do what was refused, so the caller knows
//! whom to ask. Only permissions on records the caller may see come here (the others
//! are 404 before), so naming the role and the unit rule reveals nothing.

use super::Permission;
use crate::domain::nomination::Step;

/// (English, Vietnamese) detail of a refused permission.
pub fn refusal(permission: &Permission<'_>) -> (&'static str, &'static str) {
    use Permission::*;
    match permission {
        ReadOrganisation | ReadAwardHistory => (
            "Only a user with a role reads this; ask an admin to give your account one",
            "Chỉ người dùng có vai trò mới xem được; hãy đề nghị quản trị viên (admin) cấp vai trò cho tài khoản",
        ),
        ManageOrganisation => (
            "Only an admin (admin) creates or changes groups, units, movements and rounds",
            "Chỉ quản trị viên (admin) tạo hoặc sửa khối, cụm, đơn vị, phong trào và đợt khen thưởng",
        ),
        ManageCriteria { .. } => (
            "Only an admin, or a DIC officer (dic_officer) of the movement's standing unit, defines its criteria",
            "Chỉ quản trị viên hoặc cán bộ Sở Khoa học và Công nghệ (dic_officer) của cơ quan thường trực phong trào mới xác định tiêu chí",
        ),
        ReadUsers => (
            "Only admins and auditors (admin, auditor) read user accounts",
            "Chỉ quản trị viên và kiểm toán viên (admin, auditor) xem tài khoản người dùng",
        ),
        ManageUsers => (
            "Only an admin (admin) creates, changes or deactivates user accounts",
            "Chỉ quản trị viên (admin) tạo, sửa hoặc vô hiệu hóa tài khoản",
        ),
        ReadAudit => (
            "Only admins and auditors (admin, auditor) read the audit trail",
            "Chỉ quản trị viên và kiểm toán viên (admin, auditor) xem nhật ký kiểm tra",
        ),
        ReadUnitRecord { .. } => (
            "Only the unit's own users, the movement's reviewers once submitted, and auditors read it",
            "Chỉ người dùng của đơn vị, cơ quan xét duyệt của phong trào (khi đã gửi) và kiểm toán viên được xem",
        ),
        EditUnitRecord { .. } => (
            "Only the unit's officers and head (unit_officer, unit_head) draft and change its records",
            "Chỉ cán bộ và thủ trưởng của đơn vị (unit_officer, unit_head) soạn và sửa hồ sơ của đơn vị",
        ),
        DraftNomination { .. } => (
            "Only the proposing unit's officers and head (unit_officer, unit_head) draft and change its nominations; in an ad hoc round also a DIC officer (dic_officer) of the movement's standing unit, for the nominations it proposes",
            "Chỉ cán bộ và thủ trưởng của đơn vị đề nghị (unit_officer, unit_head) soạn và sửa hồ sơ đề nghị; trong đợt khen thưởng đột xuất, cán bộ Sở Khoa học và Công nghệ (dic_officer) của cơ quan thường trực phong trào cũng được soạn hồ sơ do đơn vị mình đề nghị",
        ),
        SubmitUnitRecord { .. } => (
            "Only the head of the unit (unit_head) signs off and submits its plans, reports and nominations",
            "Chỉ thủ trưởng đơn vị (unit_head) ký và gửi kế hoạch, báo cáo và hồ sơ đề nghị của đơn vị",
        ),
        ReviewMovement { .. } => (
            "Only a DIC officer (dic_officer) of the movement's standing unit reviews and consolidates it",
            "Chỉ cán bộ Sở Khoa học và Công nghệ (dic_officer) của cơ quan thường trực phong trào mới xét duyệt và tổng hợp",
        ),
        ReviewRecord { .. } => (
            "Only a DIC officer (dic_officer) of the movement's standing unit reviews it, and never the one who submitted it",
            "Chỉ cán bộ Sở Khoa học và Công nghệ (dic_officer) của cơ quan thường trực phong trào mới xét duyệt, và không phải người đã gửi",
        ),
        AppraiseMovement { .. } => (
            "Only a Home Affairs officer (home_affairs_officer) of the movement's appraising unit appraises it",
            "Chỉ cán bộ Sở Nội vụ (home_affairs_officer) của cơ quan thẩm định phong trào mới thẩm định",
        ),
        ReadReportStatus { .. } | ReadDashboard { .. } => (
            "Only the movement's reviewers (its standing unit's dic_officer, its appraising unit's home_affairs_officer), the Chair, admins and auditors read this",
            "Chỉ cơ quan xét duyệt của phong trào (dic_officer của cơ quan thường trực, home_affairs_officer của cơ quan thẩm định), Chủ tịch, quản trị viên và kiểm toán viên được xem",
        ),
        ReadRankings { .. } => (
            "Only the movement's reviewers, the Chair, admins, auditors and the officers and head of a member unit (unit_officer, unit_head) read its rankings",
            "Chỉ cơ quan xét duyệt của phong trào, Chủ tịch, quản trị viên, kiểm toán viên và cán bộ, thủ trưởng đơn vị thành viên (unit_officer, unit_head) được xem bảng xếp hạng",
        ),
        ManageHolidays => (
            "Only an admin (admin) sets the public holidays",
            "Chỉ quản trị viên (admin) khai báo ngày nghỉ lễ",
        ),
        Decide => (
            "Only the Chair of the Provincial People's Committee (chair) issues award decisions",
            "Chỉ Chủ tịch UBND Tỉnh (chair) ban hành quyết định khen thưởng",
        ),
        RecordUnitAward { .. } => (
            "Only the head of the awarding unit (unit_head) records its Giấy khen",
            "Chỉ thủ trưởng đơn vị khen thưởng (unit_head) ghi nhận Giấy khen của đơn vị",
        ),
        ReadUnitAward { .. } => (
            "Only the awarding unit's users, the movement's reviewers, the Chair, admins and auditors read this Giấy khen",
            "Chỉ người dùng của đơn vị khen thưởng, cơ quan xét duyệt của phong trào, Chủ tịch, quản trị viên và kiểm toán viên được xem Giấy khen này",
        ),
        ExportPersonalData => (
            "Only an admin (admin) exports a person's data",
            "Chỉ quản trị viên (admin) xuất dữ liệu cá nhân",
        ),
    }
}

/// The detail for a refused step on a nomination: who takes that step.
pub fn step_refusal(step: Step, permission: &Permission<'_>) -> (&'static str, &'static str) {
    match (step, permission) {
        (Step::Submit, _) => (
            "Only the head of the proposing unit (unit_head) submits a nomination",
            "Chỉ thủ trưởng đơn vị đề nghị (unit_head) gửi hồ sơ đề nghị khen thưởng",
        ),
        (Step::Withdraw, _) => (
            "Only the proposing unit's officers and head (unit_officer, unit_head) withdraw a nomination",
            "Chỉ cán bộ và thủ trưởng đơn vị đề nghị (unit_officer, unit_head) rút hồ sơ đề nghị",
        ),
        (Step::Consolidate, _) => (
            "Only a DIC officer (dic_officer) of the movement's standing unit consolidates nominations",
            "Chỉ cán bộ Sở Khoa học và Công nghệ (dic_officer) của cơ quan thường trực phong trào tổng hợp hồ sơ đề nghị",
        ),
        (Step::Award, _) => (
            "Only the Chair of the Provincial People's Committee (chair) awards",
            "Chỉ Chủ tịch UBND Tỉnh (chair) quyết định khen thưởng",
        ),
        (_, p) => refusal(p),
    }
}
