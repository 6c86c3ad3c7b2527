//! `bearing merge-driver %O %A %B %L %P %S %X %Y`: git's custom merge
//! driver for the plan file. Git hands over three temporary files (base,
//! ours, theirs); the merge goes into ours' file. Exit 0: clean; 1: the file
//! holds conflict markers; 2: the result could not be written (and clap's
//! usage errors). Never more (above 128 git aborts the whole merge), never a
//! panic. Markers are never shorter than 7 ([`marker_size`]), so what the
//! driver writes, `check` and `resolve` read back.
//!
//! The plan is merged by [`merge::merge`] and written by the store's
//! canonical writer with both sides' comments
//! ([`Comments::merge`]). With conflicts, the merged plan
//! (ours at each conflict) is rendered again with every conflict settled to
//! base and to theirs, and the lines where those differ are wrapped in
//! markers ([`mark::mark`]). Input that is not a plan, or already holds
//! markers, gets a plain line merge ([`mark::merge_lines`]), said on
//! stderr. No lock and no backup: git owns these files.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use crate::merge::markers::MIN_SIZE;
use crate::merge::{self, Side, mark};
use crate::model::Plan;
use crate::store::{self, Comments};

pub use mark::Labels;

#[derive(Debug, Args)]
pub struct MergeDriverArgs {
    /// %O: the common ancestor's version.
    pub base: PathBuf,
    /// %A: ours; the merge is written here.
    pub ours: PathBuf,
    /// %B: theirs.
    pub theirs: PathBuf,
    /// %L: conflict marker size (default 7; never less than 7).
    pub marker_size: Option<OsString>,
    /// %P: the path of the plan in the repository (for messages).
    pub path: Option<OsString>,
    /// %S: the base's label.
    pub base_label: Option<OsString>,
    /// %X: ours' label.
    pub ours_label: Option<OsString>,
    /// %Y: theirs' label.
    pub theirs_label: Option<OsString>,
}

/// What a merge of three texts gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub text: Vec<u8>,
    /// Conflict blocks written (0: clean).
    pub blocks: usize,
    /// Why the plain line merge was used, when it was.
    pub fallback: Option<String>,
}

/// Runs the driver; the exit code (0, 1 or 2).
pub fn run(args: &MergeDriverArgs) -> u8 {
    match std::panic::catch_unwind(|| drive(args)) {
        Ok(code) => code,
        Err(_) => {
            // Last resort: ours' file is as git wrote it, and git is told
            // there is a conflict rather than that the merge broke.
            say("internal error; the file is left as ours and marked as conflicted");
            1
        }
    }
}

fn say(msg: &str) {
    let msg = crate::text::sanitize_multiline(msg);
    let _ = writeln!(std::io::stderr(), "bearing merge-driver: {msg}");
}

fn lossy(s: &Option<OsString>) -> Option<String> {
    s.as_ref().map(|s| s.to_string_lossy().into_owned())
}

/// The marker size `%L` asked for, as the driver writes it, and a note for
/// stderr when that is not what was asked. Markers are never shorter than
/// [`MIN_SIZE`] (7, git's default): `bearing check`, `bearing resolve` and the
/// loader only read blocks from that size, so shorter ones would hide the
/// conflict. Not a number → 7; more than 1024 → 1024.
pub fn marker_size(arg: Option<&str>) -> (usize, Option<String>) {
    const MAX: usize = 1024;
    let Some(arg) = arg else {
        return (MIN_SIZE, None);
    };
    match arg.trim().parse::<usize>() {
        Ok(n) if n < MIN_SIZE => (
            MIN_SIZE,
            Some(format!(
                "marker size {n} raised to {MIN_SIZE} (bearing reads conflict markers from 7 characters)"
            )),
        ),
        Ok(n) if n > MAX => (MAX, Some(format!("marker size {n} cut to {MAX}"))),
        Ok(n) => (n, None),
        Err(_) => (
            MIN_SIZE,
            Some(format!(
                "marker size {} is not a number; {MIN_SIZE} used",
                crate::text::label(arg)
            )),
        ),
    }
}

fn labels(args: &MergeDriverArgs) -> (Labels, Option<String>) {
    let d = Labels::default();
    let (size, note) = marker_size(lossy(&args.marker_size).as_deref());
    let pick = |s: &Option<OsString>, default: String| {
        lossy(s).filter(|s| !s.is_empty()).unwrap_or(default)
    };
    let labels = Labels {
        ours: pick(&args.ours_label, d.ours),
        base: pick(&args.base_label, d.base),
        theirs: pick(&args.theirs_label, d.theirs),
        size,
    };
    (labels, note)
}

fn drive(args: &MergeDriverArgs) -> u8 {
    let name = lossy(&args.path).unwrap_or_else(|| crate::cli::display(&args.ours));
    let read = |p: &Path, what: &str| {
        std::fs::read(p).map_err(|e| format!("{name}: cannot read {what} ({}): {e}", p.display()))
    };
    let texts = (|| {
        Ok::<_, String>((
            read(&args.base, "the base")?,
            read(&args.ours, "ours")?,
            read(&args.theirs, "theirs")?,
        ))
    })();
    let (base, ours, theirs) = match texts {
        Ok(t) => t,
        Err(e) => {
            // Nothing to merge from: git keeps ours' file as the conflict.
            say(&format!(
                "{e}; the file is left as ours and marked as conflicted"
            ));
            return 1;
        }
    };
    let (labels, note) = labels(args);
    if let Some(note) = note {
        say(&format!("{name}: {note}"));
    }
    let out = merge_texts(&base, &ours, &theirs, &labels);
    if let Some(why) = &out.fallback {
        say(&format!("{name}: {why}; merged line by line instead"));
    }
    if let Err(e) = std::fs::write(&args.ours, &out.text) {
        say(&format!(
            "{name}: cannot write the merge to {}: {e}",
            args.ours.display()
        ));
        return 2;
    }
    if out.blocks > 0 {
        say(&format!(
            "{name}: {} conflict{} left with markers",
            out.blocks,
            if out.blocks == 1 { "" } else { "s" }
        ));
        1
    } else {
        0
    }
}

/// The merge of three versions of a plan file, as bytes.
pub fn merge_texts(base: &[u8], ours: &[u8], theirs: &[u8], labels: &Labels) -> Outcome {
    match merge_plans(base, ours, theirs, labels) {
        // Written with ours' line ends, as a save keeps a CRLF plan CRLF:
        // otherwise a merge on a Windows checkout rewrites every line.
        Ok(mut out) if store::save::uses_crlf(ours) => {
            if let Ok(text) = std::str::from_utf8(&out.text) {
                out.text = store::save::to_crlf(text).into_bytes();
            }
            out
        }
        Ok(out) => out,
        Err(why) => {
            let m = mark::merge_lines(base, ours, theirs, labels);
            Outcome {
                text: m.text,
                blocks: m.blocks,
                fallback: Some(why),
            }
        }
    }
}

fn parse(bytes: &[u8], side: &str) -> Result<(Plan, Comments), String> {
    let path = Path::new(side);
    let text = store::load::decode(path, bytes.to_vec()).map_err(|e| format!("not a plan: {e}"))?;
    // The loader's rule: only a whole block opened by `<<<<<<<` is a
    // marker, so a North Star holding a `=======` line is still a plan.
    if merge::markers::has_markers(&text) {
        return Err(format!("{side} already holds conflict markers"));
    }
    store::load::parse_with_comments(path, &text).map_err(|e| format!("not a plan: {e}"))
}

/// The plan-aware merge; `Err` (why) when the line merge must do.
fn merge_plans(
    base: &[u8],
    ours: &[u8],
    theirs: &[u8],
    labels: &Labels,
) -> Result<Outcome, String> {
    // An empty base (both branches added the file): merged from nothing.
    let (b, bc) = if base.trim_ascii().is_empty() {
        (Plan::default(), Comments::default())
    } else {
        parse(base, "base")?
    };
    let (o, oc) = parse(ours, "ours")?;
    let (t, tc) = parse(theirs, "theirs")?;
    // Both sides' new comments, where their items and fields still are.
    let comments = Comments::merge(&bc, &oc, &tc);
    let m = merge::merge(&b, &o, &t);
    let render = |p: &Plan| {
        store::render_with(p, &comments)
            .map(String::into_bytes)
            .map_err(|e| e.to_string())
    };
    let merged = render(&m.plan)?;
    if m.conflicts.is_empty() {
        return Ok(Outcome {
            text: merged,
            blocks: 0,
            fallback: None,
        });
    }
    let settled = |side: Side| -> Result<Plan, String> {
        let mut p = m.plan.clone();
        for c in &m.conflicts {
            merge::settle_in_place(&mut p, c, side)
                .map_err(|e| format!("a conflict cannot be shown: {e}"))?;
            // A check-in clash is one block, the check-in: the stored
            // `current` only mirrors it, so it keeps the merged value here
            // and `bearing resolve` sets it from the check-in kept.
            if c.field
                .as_deref()
                .is_some_and(|f| f.starts_with("checkins["))
            {
                let merged = m.plan.key_results.iter().find(|k| k.id == c.id);
                let shown = p.key_results.iter_mut().find(|k| k.id == c.id);
                if let (Some(merged), Some(shown)) = (merged, shown) {
                    shown.current = merged.current;
                }
            }
        }
        Ok(p)
    };
    for c in m.conflicts.iter().filter(|c| c.reason.is_some()) {
        let place = merge::markers::place(Some(&c.id), c.field.as_deref());
        say(&format!(
            "{place}: {}",
            c.reason.as_deref().unwrap_or_default()
        ));
    }
    let marked = mark::mark(
        &merged,
        &render(&settled(Side::Base)?)?,
        &render(&settled(Side::Theirs)?)?,
        labels,
    );
    if marked.blocks == 0 {
        return Err("its conflicts do not show in the file".into());
    }
    Ok(Outcome {
        text: marked.text,
        blocks: marked.blocks,
        fallback: None,
    })
}
