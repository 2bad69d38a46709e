//! `blocpress build`: renders the site into its output folder.

use blocpress::diagnostics::SiteErrors;
use blocpress::site::{self, BuildOptions};

use super::{EXIT_OK, EXIT_SITE_ERRORS, print_diagnostics};
use crate::cli::BuildArgs;

pub fn run(args: BuildArgs) -> i32 {
    let options = BuildOptions {
        root: args.root.root,
        output: args.output,
        base_url: args.base_url,
        drafts: args.drafts,
        force: args.force,
    };
    match site::build(&options) {
        Ok(report) => {
            print_diagnostics(&report.warnings);
            eprintln!(
                "built {} files ({} news) into {} in {} ms{}",
                report.pages,
                report.news,
                report.output.display(),
                report.elapsed.as_millis(),
                if report.warnings.is_empty() {
                    String::new()
                } else {
                    format!("; {}", report.warnings.summary())
                }
            );
            EXIT_OK
        }
        Err(error) => {
            match error.downcast_ref::<SiteErrors>() {
                Some(SiteErrors(diagnostics)) => {
                    print_diagnostics(diagnostics);
                    eprintln!(
                        "build failed: {}; the previous output was left as it was",
                        diagnostics.summary()
                    );
                }
                None => eprintln!("error: {error:#}"),
            }
            EXIT_SITE_ERRORS
        }
    }
}
