//! `bearing import csv|linear|gitlab` with the real binary on files written
//! the way Excel, LibreOffice, a tab-separated export, Linear and GitLab
//! write them (issue 13, points 1 and 3).

use bearing::model::DebtStatus;

mod common;

use common::cli::{Sandbox, by_title};

#[test]
fn excel_csv_utf8_with_bom_crlf_and_extra_columns() {
    let sb = Sandbox::init();
    let f = sb.bytes(
        "excel.csv",
        "\u{feff}Title,Owner,Effort,Status,Tags,Notes,Jira,Priority,\r\n\
         Flaky CI,ana,3.0,To Do,\"ci, build\",see wiki,PAY-1,High,\r\n\
         \"Old logger\r\nstill used\",bo,2,WIP,ops;logs,,,,\r\n\
         Unused flags,,,Won't fix,,,,,\r\n"
            .as_bytes(),
    );
    let r = sb.run(&["import", "csv", &f]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "3 added, 0 updated, 0 closed, 0 unchanged\n");
    assert_eq!(
        r.stderr,
        "excel.csv: ignored columns: Notes, Jira, Priority, (column 9, no name) \
         (read one with --map 'HEADER=COLUMN')\n"
    );
    let plan = sb.loaded();
    let a = by_title(&plan, "Flaky CI");
    assert_eq!((a.effort, a.status), (Some(3), DebtStatus::Open));
    assert_eq!(a.tags, ["ci", "build"]);
    let b = by_title(&plan, "Old logger\nstill used");
    assert_eq!(
        (b.status, &b.tags[..]),
        (
            DebtStatus::InProgress,
            &["ops".to_owned(), "logs".to_owned()][..]
        )
    );
    assert_eq!(by_title(&plan, "Unused flags").status, DebtStatus::WontFix);
}

#[test]
fn libreoffice_semicolons_in_windows_1252() {
    let sb = Sandbox::init();
    // "Café;Zoë" and "5 €" as LibreOffice writes them with the
    // "Western Europe (Windows-1252)" character set.
    let f = sb.bytes(
        "lo.csv",
        b"\"Title\";\"Owner\";\"Description\"\n\"Caf\xe9 menu\";\"Zo\xeb\";\"costs 5 \x80\"\n",
    );
    let r = sb.run(&["import", "csv", &f]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        "lo.csv: read as windows-1252 (it is not valid UTF-8)\n"
    );
    let plan = sb.loaded();
    let d = by_title(&plan, "Café menu");
    assert_eq!(
        (d.owner.as_str(), d.description.as_str()),
        ("Zoë", "costs 5 €")
    );
}

#[test]
fn tab_separated_and_utf16_and_an_overridden_delimiter() {
    let sb = Sandbox::init();
    let f = sb.write("t.tsv", "title\trisk\teffort\n\"A, with comma\"\t4\t8.0\n");
    sb.ok(&["import", "csv", &f]);
    let mut le = vec![0xff, 0xfe];
    le.extend(
        "title\teffort\r\nWide\t2\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let g = sb.bytes("u16.txt", &le);
    let r = sb.run(&["import", "csv", &g]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "u16.txt: read as UTF-16LE\n");
    // The header has more commas than pipes, but the user knows better.
    let h = sb.write("p.csv", "title|owner\nA, B and C|ana\n");
    sb.ok(&["import", "csv", &h, "--delimiter", "|"]);
    let plan = sb.loaded();
    assert_eq!(by_title(&plan, "A, with comma").effort, Some(8));
    assert_eq!(by_title(&plan, "Wide").effort, Some(2));
    assert_eq!(by_title(&plan, "A, B and C").owner, "ana");
    let r = sb.run(&["import", "csv", &h, "--delimiter", "ab"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn columns_mapped_by_name() {
    let sb = Sandbox::init();
    let f = sb.write(
        "jira.csv",
        "Summary,Story Points,Assignee,Team\nSlow search,5,ana,S1\n",
    );
    let r = sb.run(&[
        "import",
        "csv",
        &f,
        "--map",
        "summary=title",
        "--map",
        "STORY POINTS=effort",
        "--map",
        "Assignee=owner",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        "jira.csv: ignored columns: Team (read one with --map 'HEADER=COLUMN')\n"
    );
    let plan = sb.loaded();
    let d = by_title(&plan, "Slow search");
    assert_eq!((d.effort, d.owner.as_str()), (Some(5), "ana"));
    let r = sb.run(&["import", "csv", &f, "--map", "Summary=name"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("not a column Bearing reads"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_header_problem_never_suggests_skip_invalid() {
    let sb = Sandbox::init();
    let before = std::fs::read(sb.plan()).unwrap();
    for (text, args, needle) in [
        (
            "Summary,Notes\nA,B\n",
            &[][..],
            "no.csv:1: title: required column missing",
        ),
        (
            "Title,Summary\nA,B\n",
            &["--map", "Summary=title"][..],
            "both \"Title\" and \"Summary\" fill this column",
        ),
        ("", &[][..], "the file is empty"),
    ] {
        let f = sb.write("no.csv", text);
        let mut all = vec!["import", "csv", f.as_str()];
        all.extend(args);
        let r = sb.run(&all);
        assert_eq!(r.code, 1, "{text:?}");
        assert!(r.stderr.contains(needle), "{text:?}: {}", r.stderr);
        assert!(r.stderr.contains("nothing imported"), "{}", r.stderr);
        assert!(
            !r.stderr.contains("--skip-invalid"),
            "{text:?}: {}",
            r.stderr
        );
        all.push("--skip-invalid");
        assert_eq!(sb.run(&all).code, 1);
    }
    assert_eq!(std::fs::read(sb.plan()).unwrap(), before);
}

#[test]
fn a_fractional_effort_is_a_bad_cell_named() {
    let sb = Sandbox::init();
    let f = sb.write("e.csv", "title,effort\nA,3.5\nB,\n");
    let r = sb.run(&["import", "csv", &f]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("e.csv:2: effort: must be a whole number of points, got \"3.5\""),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("--skip-invalid to import the 1 valid one"),
        "{}",
        r.stderr
    );
}

#[test]
fn hostile_text_stays_text_and_never_reaches_the_terminal_raw() {
    let sb = Sandbox::init();
    let f = sb.write(
        "h.csv",
        "title,description,Notes \u{202e}gpj.exe\n\
         \"=cmd|' /C calc'!A0\",\"two\nlines \u{1b}[2J \u{202e}x\",\n\
         \"@SUM(1+1)*cmd|' /C calc'!A0\",\\n \\\" esc,\n",
    );
    let r = sb.run(&["import", "csv", &f]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        !r.stderr.contains('\u{202e}') && r.stderr.contains("ignored columns: Notes"),
        "{}",
        r.stderr
    );
    let plan = sb.loaded();
    let d = by_title(&plan, "=cmd|' /C calc'!A0");
    assert_eq!(d.description, "two\nlines \u{1b}[2J \u{202e}x");
    by_title(&plan, "@SUM(1+1)*cmd|' /C calc'!A0");
    // Listed and exported, the text is inert.
    let list = sb.ok(&["list", "debt"]);
    assert!(
        !list.contains('\u{1b}') && !list.contains('\u{202e}'),
        "{list}"
    );
    let json = sb.ok(&["list", "debt", "--format", "json"]);
    assert!(json.contains("=cmd|"), "{json}");
}

#[test]
fn ten_thousand_rows_import_whole() {
    let sb = Sandbox::init();
    let mut text = String::from("\u{feff}Title;Effort;Status;Tags;Notes\r\n");
    for i in 0..10_000 {
        text.push_str(&format!("\"Item {i}; x\";{};done;a,b;n\r\n", i % 8 + 1));
    }
    let f = sb.write("big.csv", &text);
    let r = sb.run(&["import", "csv", &f]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "10000 added, 0 updated, 0 closed, 0 unchanged\n");
    let plan = sb.loaded();
    assert_eq!(plan.debts.len(), 10_000);
    let d = by_title(&plan, "Item 9999; x");
    assert_eq!(
        (d.effort, d.status, &d.tags[..]),
        (
            Some(8),
            DebtStatus::Done,
            &["a".to_owned(), "b".to_owned()][..]
        )
    );
}

#[test]
fn tags_split_the_same_way_on_the_command_line() {
    let sb = Sandbox::init();
    let id = sb.add(&["add", "debt", "T", "--tag", "a, b", "--tag", "c;d"]);
    let plan = sb.loaded();
    assert_eq!(
        plan.debts.iter().find(|d| d.id == id).unwrap().tags,
        ["a", "b", "c", "d"]
    );
    sb.ok(&["edit", &id, "--tag", "x,y"]);
    let plan = sb.loaded();
    assert_eq!(
        plan.debts.iter().find(|d| d.id == id).unwrap().tags,
        ["x", "y"]
    );
}

#[test]
fn stdin_is_decoded_like_a_file() {
    let sb = Sandbox::init();
    let r = common::cli::run_stdin(
        sb.path(),
        &["import", "csv", "-", "--delimiter", "tab"],
        b"Title\tOwner\nCaf\xe9, cr\xe8me\tR\xe9mi\n",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        "<stdin>: read as windows-1252 (it is not valid UTF-8)\n"
    );
    assert_eq!(by_title(&sb.loaded(), "Café, crème").owner, "Rémi");
}
