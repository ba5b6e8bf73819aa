//! The roll-up's figures, checked by hand.
use super::*;

fn unit(id: &str, group: &str, women: Option<f64>) -> UnitInput {
    UnitInput {
        id: id.into(),
        code: id.to_uppercase(),
        name: format!("Đơn vị {id}"),
        group_id: Some(group.into()),
        group_code: group.to_uppercase(),
        group_name: format!("Cụm {group}"),
        women_share_percent: women,
    }
}

fn crit(id: &str, field: &str, max: f64) -> CriterionInput {
    CriterionInput {
        id: id.into(),
        code: id.to_uppercase(),
        title: id.into(),
        field_code: field.into(),
        unit_of_measure: "%".into(),
        max_score: max,
    }
}

fn res(c: &str, target: f64, achieved: f64, score: Option<f64>) -> ResultInput {
    ResultInput {
        criterion_id: c.into(),
        target_value: target,
        achieved_value: achieved,
        assessed_score: score,
    }
}

#[test]
fn figures_match_a_hand_computation() {
    let units = vec![
        unit("a", "g1", None),
        unit("b", "g1", Some(75.0)),
        unit("c", "g1", Some(40.0)),
        unit("d", "g2", None),
    ];
    let criteria = vec![crit("k1", "health", 10.0), crit("k2", "education", 20.0)];
    let reports = vec![
        // a: accepted, 8/10 + 10/20 = 18/30 = 60 %
        ReportInput {
            unit_id: "a".into(),
            status: ReviewStatus::Accepted,
            late: false,
            results: vec![
                res("k1", 100.0, 90.0, Some(8.0)),
                res("k2", 50.0, 50.0, Some(10.0)),
            ],
        },
        // b: accepted, late, 6/10 only on k1 = 60 %: ties with a, preferred (75 % women)
        ReportInput {
            unit_id: "b".into(),
            status: ReviewStatus::Accepted,
            late: true,
            results: vec![res("k1", 80.0, 100.0, Some(6.0))],
        },
        // c: submitted (not yet accepted): counts for coverage and totals, not ranking
        ReportInput {
            unit_id: "c".into(),
            status: ReviewStatus::Submitted,
            late: false,
            results: vec![res("k2", 40.0, 10.0, None)],
        },
        // d: a draft is not a report
        ReportInput {
            unit_id: "d".into(),
            status: ReviewStatus::Draft,
            late: false,
            results: vec![res("k1", 1.0, 1.0, None)],
        },
    ];
    let r = roll_up(&units, &criteria, &reports);
    assert_eq!(
        (
            r.coverage.expected,
            r.coverage.reported,
            r.coverage.on_time,
            r.coverage.late
        ),
        (4, 3, 2, 1)
    );
    assert_eq!((r.coverage.accepted, r.coverage.missing), (2, 1));
    assert_eq!(r.coverage.missing_units[0].code, "D");
    assert_eq!(r.coverage.late_units[0].code, "B");

    let k1 = &r.criteria[0];
    assert_eq!(
        (
            k1.results,
            k1.achieved_sum,
            k1.target_sum,
            k1.units_reaching_target
        ),
        (2, 190.0, 180.0, 1)
    );
    assert_eq!(k1.achieved_average, Some(95.0));
    assert_eq!(k1.target_reached_share, Some(1.0556));
    let k2 = &r.criteria[1];
    assert_eq!(
        (
            k2.results,
            k2.achieved_sum,
            k2.target_sum,
            k2.units_reaching_target
        ),
        (2, 60.0, 90.0, 1)
    );
    assert_eq!(k2.target_reached_share, Some(0.6667));

    let health = r.fields.iter().find(|f| f.field_code == "health").unwrap();
    assert_eq!(
        (
            health.results,
            health.score_sum,
            health.max_score_sum,
            health.score_share
        ),
        (2, 14.0, 20.0, Some(0.7))
    );
    let education = r
        .fields
        .iter()
        .find(|f| f.field_code == "education")
        .unwrap();
    assert_eq!(
        (
            education.results,
            education.score_sum,
            education.max_score_sum
        ),
        (2, 10.0, 20.0)
    );

    let g1 = &r.rankings[0];
    let order: Vec<(&str, Option<u32>, Option<f64>)> = g1
        .units
        .iter()
        .map(|u| (u.code.as_str(), u.rank, u.score))
        .collect();
    assert_eq!(
        order,
        vec![
            ("B", Some(1), Some(60.0)),
            ("A", Some(2), Some(60.0)),
            ("C", None, None)
        ]
    );
    assert!(g1.units[0].women_preferred && g1.units[0].late);
    assert_eq!(r.rankings[1].units[0].report_status, "draft");
}
