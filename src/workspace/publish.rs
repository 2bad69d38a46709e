//! Publishing from the workspace: one run at a time, on its own thread. A run builds the site
//! (drafts left out) into the publish folder with `build`'s rules ([`crate::site::build`]:
//! the whole site checked first, nothing replaced when it fails), then runs `publish.command`
//! from site.yaml with `sh -c` (`cmd /C` on Windows) in the site folder, and keeps its output
//! for the status page.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::i18n::Language;
use crate::messages::Message;

/// Where a run is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum State {
    #[default]
    Never,
    Running,
    Done,
    Failed,
}

/// What the status page shows.
#[derive(Debug, Clone, Default)]
pub struct Status {
    pub state: State,
    pub by: String,
    pub started: String,
    /// The build's summary or errors, then the command's output, in the site's language.
    pub log: String,
}

#[derive(Debug, Default)]
pub struct Publisher {
    status: Arc<Mutex<Status>>,
}

impl Publisher {
    pub fn status(&self) -> Status {
        self.status
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Starts a run (`false`: one is running).
    pub fn start(&self, root: PathBuf, out: PathBuf, by: String, language: Language) -> bool {
        {
            let mut status = self.status.lock().unwrap_or_else(|e| e.into_inner());
            if status.state == State::Running {
                return false;
            }
            *status = Status {
                state: State::Running,
                by,
                started: jiff::Timestamp::now().to_string(),
                log: String::new(),
            };
        }
        let status = self.status.clone();
        std::thread::spawn(move || {
            let (ok, log) = run(&root, out, language);
            let mut status = status.lock().unwrap_or_else(|e| e.into_inner());
            status.state = if ok { State::Done } else { State::Failed };
            status.log = log;
        });
        true
    }
}

/// Builds, then runs the command: whether all went well, and what to show.
fn run(root: &std::path::Path, out: PathBuf, language: Language) -> (bool, String) {
    // Tests only (debug builds): hold the run so a second publish meets a running one.
    #[cfg(debug_assertions)]
    if let Some(ms) = std::env::var("BLOCPRESS_TEST_PUBLISH_PAUSE_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
    let options = crate::site::BuildOptions {
        root: root.to_path_buf(),
        output: Some(out),
        base_url: None,
        drafts: false,
        force: false,
    };
    let mut log = String::new();
    match crate::site::build(&options) {
        Ok(report) => {
            log.push_str(&report.warnings.render(language));
            log.push_str(
                &Message::new("workspace-publish-built")
                    .count("files", report.pages)
                    .arg("output", report.output.display().to_string())
                    .render(language),
            );
            log.push('\n');
        }
        Err(error) => {
            match error.downcast_ref::<crate::diagnostics::SiteErrors>() {
                Some(crate::diagnostics::SiteErrors(diagnostics)) => {
                    log.push_str(&diagnostics.render(language))
                }
                None => log.push_str(&crate::messages::MessageError::render_chain(
                    &error, language,
                )),
            }
            return (false, log);
        }
    }
    let command = std::fs::read_to_string(root.join(crate::config::CONFIG_FILE))
        .ok()
        .and_then(|text| crate::config::SiteConfig::parse(&text).ok())
        .and_then(|config| config.publish)
        .and_then(|publish| publish.command)
        .filter(|c| !c.trim().is_empty());
    let Some(command) = command else {
        return (true, log);
    };
    log.push_str(
        &Message::new("workspace-publish-command")
            .arg("command", command.clone())
            .render(language),
    );
    log.push('\n');
    let mut process = if cfg!(windows) {
        let mut p = std::process::Command::new("cmd");
        p.arg("/C").arg(&command);
        p
    } else {
        let mut p = std::process::Command::new("sh");
        p.arg("-c").arg(&command);
        p
    };
    match process
        .current_dir(root)
        .stdin(std::process::Stdio::null())
        .output()
    {
        Ok(output) => {
            log.push_str(&String::from_utf8_lossy(&output.stdout));
            log.push_str(&String::from_utf8_lossy(&output.stderr));
            if output.status.success() {
                (true, log)
            } else {
                let code = output.status.code().unwrap_or(-1);
                log.push_str(
                    &crate::diagnostics::Diagnostic::new(crate::config::CONFIG_FILE, "E840")
                        .count("code", code)
                        .render(language),
                );
                (false, log)
            }
        }
        Err(e) => {
            log.push_str(
                &crate::diagnostics::Diagnostic::new(crate::config::CONFIG_FILE, "E841")
                    .nested("error", crate::messages::io_reason(&e))
                    .render(language),
            );
            (false, log)
        }
    }
}
