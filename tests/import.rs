//! `bearing import` with the real binary, and with a real `task export` when
//! taskwarrior is installed (`.ci/run` installs it).

use std::path::Path;

use bearing::model::DebtStatus;

mod common;

use common::cli::{Sandbox, task};

/// The plan as the library loads it.
#[test]
fn csv_all_or_nothing_then_skip_invalid() {
    let sb = Sandbox::init();
    let before = std::fs::read(sb.plan()).unwrap();
    let f = sb.write(
        "in.csv",
        "title,risk,effort,tags\nGood,3,2,a;b\nBad,8,1,\nAlso good,,5,\n",
    );
    let r = sb.run(&["import", "csv", &f]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stderr.contains("in.csv:3: risk: must be 0–5, got 8"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("nothing imported"), "{}", r.stderr);
    assert_eq!(std::fs::read(sb.plan()).unwrap(), before);

    let r = sb.run(&["import", "csv", &f, "--skip-invalid"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "2 added, 0 updated, 0 closed, 0 unchanged (skipped 1 invalid row)\n"
    );
    assert!(r.stderr.contains("in.csv:3: risk:"), "{}", r.stderr);
    let plan = sb.loaded();
    let mut got: Vec<(&str, u8, Option<u32>)> = plan
        .debts
        .iter()
        .map(|d| (d.title.as_str(), d.risk, d.effort))
        .collect();
    got.sort();
    assert_eq!(got, [("Also good", 0, Some(5)), ("Good", 3, Some(2))]);
    let good = plan.debts.iter().find(|d| d.title == "Good").unwrap();
    assert_eq!(good.tags, ["a", "b"]);
    assert_eq!(good.status, DebtStatus::Open);
}

const EXPORT: &str = r#"[
{"id":1,"description":"Fix flaky CI","due":"20261125T000000Z","entry":"20261101T000000Z","priority":"M","project":"infra","status":"pending","uuid":"82caccb0-1686-4808-b8b1-036cd347cd68","tags":["ci"]},
{"id":0,"description":"Done","status":"completed","uuid":"d573ff88-1d7d-4cf2-8313-852e1fd23ca4"}
]"#;

#[test]
fn taskwarrior_twice_adds_once() {
    let sb = Sandbox::init();
    let f = sb.write("tasks.json", EXPORT);
    let r = sb.run(&["import", "taskwarrior", &f]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            0,
            "1 added, 0 updated, 0 closed, 0 unchanged (1 skipped: 1 completed)\n"
        ),
        "{}",
        r.stderr
    );
    let r = sb.run(&["import", "taskwarrior", &f]);
    assert_eq!(
        r.stdout,
        "0 added, 0 updated, 0 closed, 1 unchanged (1 skipped: 1 completed)\n"
    );
    let plan = sb.loaded();
    assert_eq!(plan.debts.len(), 1);
    // The due date is kept, not turned into a rating frozen on import day;
    // no effort: the item waits to be triaged.
    assert_eq!(plan.debts[0].ratings(), [2, 2, 2, 0]);
    assert_eq!(
        plan.debts[0].due,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
    );
    assert_eq!(plan.debts[0].effort, None);
}

#[test]
fn real_taskwarrior_export() {
    let sb = Sandbox::init();
    let Some(tw) = common::cli::taskwarrior(sb.path()) else {
        return;
    };
    // Dates are absolute so the mapping does not depend on the real clock;
    // BEARING_TODAY is 2026-11-20.
    task(
        &tw,
        &[
            "add",
            "Fix flaky CI",
            "project:infra.ci",
            "+ci",
            "+build",
            "priority:H",
            "due:2026-11-25",
        ],
    );
    task(
        &tw,
        &[
            "add",
            "Retire the old billing cron",
            "priority:L",
            "due:2027-06-01",
        ],
    );
    task(&tw, &["1", "annotate", "seen in run 42"]);
    task(&tw, &["add", "Already finished"]);
    task(&tw, &["3", "done"]);
    let export = task(&tw, &["export"]);
    let f = sb.write("export.json", &export);

    let r = sb.run(&["import", "taskwarrior", &f]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            0,
            "2 added, 0 updated, 0 closed, 0 unchanged (1 skipped: 1 completed)\n"
        ),
        "{}",
        r.stderr
    );
    let plan = sb.loaded();
    let ci = plan
        .debts
        .iter()
        .find(|d| d.title == "Fix flaky CI")
        .unwrap();
    assert_eq!(ci.area, "infra.ci");
    let mut tags = ci.tags.clone();
    tags.sort();
    assert_eq!(tags, ["build", "ci"]);
    assert!(
        ci.description.ends_with(" seen in run 42"),
        "{:?}",
        ci.description
    );
    assert_eq!(ci.ratings(), [3, 3, 3, 0]);
    assert_eq!(ci.due, chrono::NaiveDate::from_ymd_opt(2026, 11, 25));
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    assert_eq!(bearing::score::urgency_on(ci, today), (4, Some(5)));
    assert_eq!(ci.effort, None);
    let uuid = export
        .lines()
        .find(|l| l.contains("Fix flaky CI"))
        .and_then(|l| l.split("\"uuid\":\"").nth(1))
        .map(|s| &s[..36])
        .unwrap();
    assert_eq!(
        ci.source.as_deref(),
        Some(format!("taskwarrior:{uuid}").as_str())
    );
    let cron = plan
        .debts
        .iter()
        .find(|d| d.title.starts_with("Retire"))
        .unwrap();
    assert_eq!(cron.ratings(), [1, 1, 1, 0]);
    assert_eq!(cron.due, chrono::NaiveDate::from_ymd_opt(2027, 6, 1));

    // A second export after one more task: only the new one comes in.
    task(
        &tw,
        &["add", "Upgrade TLS library", "priority:H", "due:2026-11-19"],
    );
    let f = sb.write("export2.json", &task(&tw, &["export"]));
    let r = sb.run(&["import", "taskwarrior", &f]);
    assert_eq!(
        r.stdout, "1 added, 0 updated, 0 closed, 2 unchanged (1 skipped: 1 completed)\n",
        "{}",
        r.stderr
    );
    let plan = sb.loaded();
    assert_eq!(plan.debts.len(), 3);
    let tls = plan
        .debts
        .iter()
        .find(|d| d.title.starts_with("Upgrade"))
        .unwrap();
    assert_eq!(tls.ratings(), [3, 3, 3, 0]);
    assert_eq!(tls.due, chrono::NaiveDate::from_ymd_opt(2026, 11, 19));
    // Overdue as of BEARING_TODAY: scored at the top urgency.
    assert_eq!(bearing::score::urgency_on(tls, today), (5, Some(-1)));
}

#[test]
fn unreadable_inputs_are_located_and_change_nothing() {
    let sb = Sandbox::init();
    let before = std::fs::read(sb.plan()).unwrap();
    // Not UTF-8 is no longer unreadable (issue 13): it is Windows-1252, as
    // Excel and LibreOffice write "CSV" on Western-European Windows, and the
    // summary says so. A bad row in it is still located.
    std::fs::write(
        sb.path().join("bad.csv"),
        b"title,risk\nok,9\nbro\xffken,1\n",
    )
    .unwrap();
    let r = sb.run(&["import", "csv", "bad.csv"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("bad.csv:2: risk: must be 0–5, got 9"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("bad.csv: read as windows-1252 (it is not valid UTF-8)"),
        "{}",
        r.stderr
    );
    let f = sb.write("broken.json", "[\n{\"uuid\": \"x\",\n\"status\": }\n]");
    let r = sb.run(&["import", "taskwarrior", &f]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("broken.json:3: json: "), "{}", r.stderr);
    let r = sb.run(&["import", "csv", "missing.csv"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("missing.csv: cannot read"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read(sb.plan()).unwrap(), before);
}

impl Sandbox {
    /// Copies a fixture from tests/data/import byte for byte.
    fn fixture(&self, name: &str) -> String {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/import");
        std::fs::copy(from.join(name), self.path().join(name)).unwrap();
        name.to_owned()
    }
}

/// The fixtures are the same backlog as Excel (UTF-8 with a BOM, CRLF; and
/// with `;` in European locales), LibreOffice (every text cell quoted, LF)
/// and old Mac Excel (CR alone) write it: a multi-line cell on lines 3–4, a
/// blank row on line 5, and a risk of 9 on line 6.
#[test]
fn spreadsheet_files_report_the_line_a_row_is_on() {
    for name in [
        "excel_utf8.csv",
        "excel_semicolon.csv",
        "libreoffice_quoted.csv",
        "mac_cr.csv",
    ] {
        let sb = Sandbox::init();
        let before = std::fs::read(sb.plan()).unwrap();
        let f = sb.fixture(name);
        let r = sb.run(&["import", "csv", &f]);
        assert_eq!(r.code, 1, "{name}: {}", r.stdout);
        let first = r.stderr.lines().next().unwrap_or_default();
        assert_eq!(
            first,
            format!("bearing: {name}:6: risk: must be 0–5, got 9"),
            "{name}: {}",
            r.stderr
        );
        assert_eq!(std::fs::read(sb.plan()).unwrap(), before, "{name}");

        let r = sb.run(&["import", "csv", &f, "--skip-invalid"]);
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        assert_eq!(r.stderr, format!("{name}:6: risk: must be 0–5, got 9\n"));
        let plan = sb.loaded();
        let api = plan
            .debts
            .iter()
            .find(|d| d.title == "Drop the v0 API, finally")
            .unwrap_or_else(|| panic!("{name}: {:?}", plan.debts));
        assert_eq!(api.tags, ["api", "cleanup"], "{name}");
        assert_eq!(api.description, "Clients moved.\nRemove in Q3.", "{name}");
        assert_eq!((api.effort, api.risk), (Some(5), 2), "{name}");
        let keys = plan
            .debts
            .iter()
            .find(|d| d.title == "Rotate the signing keys")
            .unwrap_or_else(|| panic!("{name}: the first row keeps its title"));
        assert_eq!((keys.owner.as_str(), keys.risk), ("ana", 5), "{name}");
    }
}

#[test]
fn excel_quotes_and_trailing_empty_columns_import() {
    let sb = Sandbox::init();
    let f = sb.fixture("excel_utf8.csv");
    let r = sb.run(&["import", "csv", &f, "--skip-invalid"]);
    assert_eq!(
        r.stdout,
        "3 added, 0 updated, 0 closed, 0 unchanged (skipped 1 invalid row)\n"
    );
    let plan = sb.loaded();
    let cafe = plan.debts.iter().find(|d| d.owner == "dee").unwrap();
    assert_eq!(cafe.title, "Café menu \"v2\" copy");
    assert_eq!(cafe.description, "Says \"beta\" still");

    let f = sb.fixture("trailing_columns.csv");
    let r = sb.run(&["import", "csv", &f]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr.lines().next().unwrap_or_default(),
        "bearing: trailing_columns.csv:3: risk: must be 0–5, got 9"
    );
    let r = sb.run(&["import", "csv", &f, "--skip-invalid"]);
    assert_eq!(
        r.stdout,
        "2 added, 0 updated, 0 closed, 0 unchanged (skipped 1 invalid row)\n"
    );
    // Text under a column the header leaves unnamed is not dropped silently.
    let f = sb.write("stray.csv", "title,risk,,\r\nA,1,,\r\nB,2,oops,\r\n");
    let r = sb.run(&["import", "csv", &f]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("stray.csv:3: row: cell 3 has text but its column has no name in the header"),
        "{}",
        r.stderr
    );
}

#[test]
fn an_unclosed_quote_imports_nothing_and_names_its_line() {
    let sb = Sandbox::init();
    let before = std::fs::read(sb.plan()).unwrap();
    let f = sb.fixture("unclosed.csv");
    for args in [
        &["import", "csv", &f][..],
        &["import", "csv", &f, "--skip-invalid"],
    ] {
        let r = sb.run(args);
        assert_eq!(
            (r.code, r.stdout.as_str()),
            (1, ""),
            "{args:?}: {}",
            r.stderr
        );
        assert!(
            r.stderr
                .starts_with("bearing: unclosed.csv:2: title: this quote never closes"),
            "{args:?}: {}",
            r.stderr
        );
        assert!(r.stderr.contains("nothing imported"), "{}", r.stderr);
        // --skip-invalid cannot help: the rows after the quote are in doubt.
        assert!(!r.stderr.contains("--skip-invalid"), "{}", r.stderr);
        assert_eq!(std::fs::read(sb.plan()).unwrap(), before);
    }
}
