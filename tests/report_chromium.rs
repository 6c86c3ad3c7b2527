//! The demo report in a real browser: headless Chromium (Debian's
//! `chromium`, which `.ci/run` installs) loads it with every host name
//! unresolvable, and the page logs no console message, makes no network
//! request, paints a screenshot at 1280 px that is not blank, and at 375 px
//! (a phone) is no wider than the screen.
//!
//! The signals, and a canary that proves each one is live in this
//! Chromium: console messages are the `CONSOLE` lines of
//! `--enable-logging=stderr --v=1`; requests are the NetLog's
//! (`--log-net-log`) URL requests started on behalf of a page (the
//! browser's own update and account checks have no initiator origin and
//! are left aside). A canary page with an external image and a script that
//! logs must show up on both, or the test fails rather than pass blind.
//!
//! Without Chromium on PATH the test prints a note and passes, unless
//! `BEARING_REQUIRE_CHROMIUM=1` (set by `.ci/run`), when it fails.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use bearing::export::report::escape;

mod common;
mod org_support;

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|n| dir.join(n)))
        .find(|p| p.is_file())
}

fn browser_or_skip() -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        if std::env::var("BEARING_REQUIRE_CHROMIUM").as_deref() == Ok("1") {
            panic!("BEARING_REQUIRE_CHROMIUM=1 but no chromium on PATH (apt-get install chromium)");
        }
        eprintln!(
            "note: chromium is not on PATH; the browser check of the HTML report is skipped \
             (.ci/run installs it; BEARING_REQUIRE_CHROMIUM=1 makes this a failure)"
        );
    }
    found
}

/// What one headless load showed.
struct Loaded {
    console: Vec<String>,
    requests: Vec<String>,
    stdout: String,
}

/// Loads `page` headless at `size` ("W,H") with no name resolving, its own
/// profile and HOME under `dir`; `mode` is `--screenshot=…` or `--dump-dom`.
fn load(browser: &Path, dir: &Path, page: &Path, size: &str, mode: &str) -> Loaded {
    let net = dir.join(format!("net-{}.json", std::process::id()));
    let _ = std::fs::remove_file(&net);
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-default-apps",
            "--disable-extensions",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=1",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("--log-net-log={}", net.display()))
        .arg(format!("--window-size={size}"))
        .arg(mode)
        .arg(format!("file://{}", page.display()))
        .env("HOME", dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish in 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let stdout = reader.join().unwrap();
    let stderr = err_reader.join().unwrap();
    let console = stderr
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_owned)
        .collect();
    Loaded {
        console,
        requests: page_requests(&net),
        stdout,
    }
}

/// URLs the NetLog shows requested for a page (an initiator other than the
/// browser itself).
fn page_requests(net: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(net).expect("chromium wrote its NetLog");
    let log: serde_json::Value = serde_json::from_str(&text).expect("the NetLog is JSON");
    let start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"].clone();
    assert!(start.is_number(), "no URL_REQUEST_START_JOB in this NetLog");
    log["events"]
        .as_array()
        .expect("NetLog events")
        .iter()
        .filter(|e| e["type"] == start)
        .filter(|e| e["params"]["initiator"].as_str() != Some("not an origin"))
        .filter_map(|e| e["params"]["url"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn the_demo_report_loads_offline_clean_and_paints_in_chromium() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let report = dir.join("report.html");
    let out = Command::new(env!("CARGO_BIN_EXE_bearing"))
        .args(["--demo", "export", "report", "--format", "html", "-o"])
        .arg(&report)
        .env("BEARING_DATA_DIR", dir.join("data"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // The canary: the same detectors must see an external image and a log.
    let canary = dir.join("canary.html");
    std::fs::write(
        &canary,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>canary</title></head>\
         <body><p>canary</p><img src=\"http://canary.invalid/x.png\" alt=\"x\">\
         <script>console.error(\"canary logged\")</script></body></html>",
    )
    .unwrap();
    let c = load(&browser, dir, &canary, "800,600", "--dump-dom");
    assert!(
        c.console.iter().any(|l| l.contains("canary logged")),
        "console detector is blind: {:?}",
        c.console
    );
    assert!(
        c.requests.iter().any(|u| u.contains("canary.invalid")),
        "request detector is blind: {:?}",
        c.requests
    );

    // The report at 1280 px: no console message, no request, a real picture.
    let shot = dir.join("report.png");
    let r = load(
        &browser,
        dir,
        &report,
        "1280,2000",
        &format!("--screenshot={}", shot.display()),
    );
    assert!(r.console.is_empty(), "console messages: {:#?}", r.console);
    assert!(r.requests.is_empty(), "network requests: {:#?}", r.requests);
    assert_not_blank(&shot);

    // At 375 px, as on a phone: nothing wider than the screen.
    assert_fits_a_phone(&browser, dir, &report);
}

/// At 375 px, as on a phone: nothing wider than the screen. The page sits
/// in a 375 px frame of a probe page whose script measures it (the page
/// itself runs no script).
fn assert_fits_a_phone(browser: &Path, dir: &Path, report: &Path) {
    let page = std::fs::read_to_string(report).unwrap();
    let probe = dir.join("probe.html");
    std::fs::write(
        &probe,
        format!(
            "<!DOCTYPE html><html><head><title>probe</title></head><body style=\"margin:0\">\
             <iframe id=\"f\" style=\"width:375px;height:800px;border:0\" srcdoc=\"{}\"></iframe>\
             <script>var f=document.getElementById('f');f.onload=function(){{\
             var d=f.contentDocument.documentElement;\
             document.title='width '+d.scrollWidth+' of '+d.clientWidth;}};</script></body></html>",
            escape::attr(&page)
        ),
    )
    .unwrap();
    let p = load(browser, dir, &probe, "800,900", "--dump-dom");
    let title = p
        .stdout
        .split("<title>")
        .nth(1)
        .and_then(|t| t.split("</title>").next())
        .unwrap_or_default()
        .to_owned();
    let widths: Vec<u32> = title
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    assert_eq!(widths.len(), 2, "the probe did not measure: {title:?}");
    eprintln!("at 375 px: {title}");
    assert!(
        widths[0] <= widths[1],
        "wider than a 375 px screen: {title}"
    );
}

/// The screenshot is 1280 × 2000 and shows a page: many colours, and a fair
/// share of pixels that are not the background.
fn assert_not_blank(png_path: &Path) {
    let file = std::fs::File::open(png_path).expect("chromium wrote the screenshot");
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!((info.width, info.height), (1280, 2000));
    let channels = info.color_type.samples();
    let pixels: Vec<&[u8]> = buf[..info.buffer_size()]
        .chunks(channels)
        .map(|p| &p[..3.min(channels)])
        .collect();
    let background = pixels[0];
    let other = pixels.iter().filter(|p| **p != background).count();
    let mut colours: Vec<&[u8]> = pixels.clone();
    colours.sort();
    colours.dedup();
    eprintln!(
        "screenshot {}x{}: {} colours, {other} of {} pixels not the background",
        info.width,
        info.height,
        colours.len(),
        pixels.len()
    );
    assert!(colours.len() > 64, "only {} colours", colours.len());
    assert!(
        other * 10 > pixels.len(),
        "{other} of {} pixels differ from the background",
        pixels.len()
    );
}

#[test]
fn the_org_page_loads_offline_clean_and_fits_a_phone_in_chromium() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let org = org_support::Org::new();
    let ws = org_support::three_teams(&org);
    org.ok(&ws, &["org", "fetch"]);
    // A long unbroken title must wrap, not widen the page.
    let infra = org.root().join("infra/bearing.ron");
    org.add_debt(&infra, &"Unbroken".repeat(20), "5");
    let page = ws.join("org.html");
    org.ok(
        &ws,
        &["org", "export", "--format", "html", "-o", "org.html"],
    );
    let dir = org.root().join("chromium");
    std::fs::create_dir_all(&dir).unwrap();
    let r = load(&browser, &dir, &page, "1280,2000", "--dump-dom");
    assert!(r.console.is_empty(), "console messages: {:#?}", r.console);
    assert!(r.requests.is_empty(), "network requests: {:#?}", r.requests);
    assert!(r.stdout.contains("Top debt across teams"), "{}", r.stdout);
    assert_fits_a_phone(&browser, &dir, &page);
}
