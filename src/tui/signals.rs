//! SIGTERM, SIGHUP (the terminal closed) and SIGINT end the UI through its
//! own loop, which notices the flag on its next tick, so a change not on
//! disk goes to a recovery copy before the process ends (`quit::on_exit`).
//!
//! The loop may never get there: after SIGHUP the terminal is gone and
//! crossterm spins inside its read. A watchdog thread gives the loop a
//! moment; if it has not taken over by then, the watchdog saves what the
//! save writer holds to a recovery copy ([`Rescuer`]), says where, and
//! ends the process.

use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::time::Duration;

use crate::session::file_persist::Rescuer;

/// How long the loop has to notice a signal before the watchdog acts.
const GRACE: Duration = Duration::from_millis(1500);
/// How long the watchdog waits for a save in flight.
const PATIENCE: Duration = Duration::from_secs(2);

const RUNNING: u8 = 0;
const MAIN: u8 = 1;
const WATCHDOG: u8 = 2;

pub struct Watch {
    /// The number of the last signal received (0: none).
    stop: Arc<AtomicUsize>,
    /// Who handles the way out: nobody yet, the loop, or the watchdog.
    owner: Arc<AtomicU8>,
}

impl Watch {
    /// Installs the handlers and the watchdog. Without them (not unix, or
    /// the handler cannot be installed) a signal keeps its default: the
    /// process ends at once, no worse than before.
    pub fn start(rescuer: Option<Rescuer>) -> Watch {
        let watch = Watch {
            stop: Arc::new(AtomicUsize::new(0)),
            owner: Arc::new(AtomicU8::new(RUNNING)),
        };
        #[cfg(unix)]
        watch.install(rescuer);
        #[cfg(not(unix))]
        let _ = rescuer;
        watch
    }

    #[cfg(unix)]
    fn install(&self, rescuer: Option<Rescuer>) {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        use std::io::Read;
        use std::os::unix::net::UnixStream;

        let Ok((mut wake, ring)) = UnixStream::pair() else {
            return;
        };
        for sig in [SIGTERM, SIGHUP, SIGINT] {
            let _ = signal_hook::flag::register_usize(sig, Arc::clone(&self.stop), sig as usize);
            if let Ok(ring) = ring.try_clone() {
                let _ = signal_hook::low_level::pipe::register(sig, ring);
            }
        }
        let (stop, owner) = (Arc::clone(&self.stop), Arc::clone(&self.owner));
        let spawned = std::thread::Builder::new()
            .name("bearing-signals".into())
            .spawn(move || {
                let mut byte = [0u8; 1];
                if wake.read(&mut byte).is_err() {
                    return;
                }
                std::thread::sleep(GRACE);
                if owner
                    .compare_exchange(RUNNING, WATCHDOG, Ordering::SeqCst, Ordering::SeqCst)
                    .is_err()
                {
                    return;
                }
                let name = name(stop.load(Ordering::SeqCst)).unwrap_or("a signal");
                rescue(name, rescuer.as_ref());
            });
        drop(spawned);
    }

    pub fn stop(&self) -> &AtomicUsize {
        &self.stop
    }

    /// The signal that ended the loop, if one did.
    pub fn received(&self) -> Option<&'static str> {
        name(self.stop.load(Ordering::SeqCst))
    }

    /// The loop has ended and handles the way out itself; if the watchdog
    /// already took over, it ends the process: wait for that.
    pub fn main_exits(&self) {
        if self
            .owner
            .compare_exchange(RUNNING, MAIN, Ordering::SeqCst, Ordering::SeqCst)
            .is_err()
        {
            loop {
                std::thread::park();
            }
        }
    }
}

/// The watchdog's way out: the writer's copy to a recovery file if a change
/// is not on disk, a line on stderr (if there still is one), exit.
fn rescue(signal: &str, rescuer: Option<&Rescuer>) {
    use std::io::Write;
    let outcome = rescuer.and_then(|r| r(PATIENCE));
    let _ = super::leave_terminal_quietly();
    let code = match outcome {
        None => 0,
        Some(Ok(path)) => {
            let _ = writeln!(
                std::io::stderr(),
                "bearing: stopped by {signal}; your unsaved change is in {}",
                crate::text::sanitize(&path.display().to_string())
            );
            1
        }
        Some(Err(why)) => {
            let _ = writeln!(
                std::io::stderr(),
                "bearing: stopped by {signal} with an unsaved change; {}",
                crate::text::sanitize(&why)
            );
            1
        }
    };
    std::process::exit(code);
}

fn name(n: usize) -> Option<&'static str> {
    if n == 0 {
        return None;
    }
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        Some(match n {
            n if n == SIGTERM as usize => "SIGTERM",
            n if n == SIGHUP as usize => "SIGHUP",
            n if n == SIGINT as usize => "SIGINT",
            _ => "a signal",
        })
    }
    #[cfg(not(unix))]
    Some("a signal")
}
