//! The flags every command takes: the profile, region and endpoint, the format and colour,
//! verbosity, quiet, and the timeout.

use clap::{Args, ValueEnum};

use crate::render::Format;

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Named profile from the AWS config files (default: AWS_PROFILE or "default").
    #[arg(long, global = true, value_name = "NAME", display_order = 900,
          value_parser = crate::names::parse_profile_name)]
    pub profile: Option<String>,

    /// Region used for signing and for STS (IAM itself is global; default: us-east-1
    /// when no region is configured).
    #[arg(long, global = true, value_name = "REGION", display_order = 901)]
    pub region: Option<String>,

    /// Send every request to this endpoint instead of AWS (a local IAM server, a proxy).
    /// AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins.
    #[arg(long, global = true, value_name = "URL", display_order = 902)]
    pub endpoint_url: Option<String>,

    /// Output format on stdout (`fix` prints table or json only).
    #[arg(long, short = 'f', global = true, value_enum, default_value_t = Format::Table,
          env = "IAM_HARDEN_FORMAT", display_order = 903)]
    pub format: Format,

    /// When to colour the output; "auto" colours a terminal unless NO_COLOR is set or
    /// TERM=dumb (CLICOLOR_FORCE=1 colours anything).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto,
          env = "IAM_HARDEN_COLOR", display_order = 904)]
    pub color: ColorChoice,

    /// The same as --color never.
    #[arg(long, global = true, conflicts_with = "color", display_order = 904)]
    pub no_color: bool,

    /// Each AWS call on stderr: its name, HTTP status, time and request id (RUST_LOG set
    /// does the same).
    #[arg(long, short = 'v', global = true, display_order = 907)]
    pub verbose: bool,

    /// The table shows only what is orange or could not be decided (nothing when all is
    /// green); the exit code says the rest.
    #[arg(
        long,
        short = 'q',
        global = true,
        env = "IAM_HARDEN_QUIET",
        display_order = 906
    )]
    pub quiet: bool,

    /// Seconds the account may take to answer: the whole read of an audit, and each call
    /// of a fix. A silent endpoint ends the run with exit 2 after this long.
    #[arg(long, global = true, value_name = "SECS", default_value_t = 20, env = "IAM_HARDEN_TIMEOUT",
          value_parser = clap::value_parser!(u64).range(1..=3600), display_order = 905)]
    pub timeout: u64,

    /// MiB of memory the run may hold; past it the run ends with exit 2 and one line (as
    /// when the system refuses memory), never a crash. Default: no cap of its own.
    #[arg(long, global = true, value_name = "MIB", env = "IAM_HARDEN_MAX_MEMORY",
          value_parser = clap::value_parser!(u64).range(1..), display_order = 908)]
    pub max_memory: Option<u64>,
}

impl GlobalArgs {
    /// Colour stdout? `--no-color`, `--color`, then the environment decide.
    pub fn colored(&self, is_terminal: bool) -> bool {
        let choice = match self.no_color {
            true => ColorChoice::Never,
            false => self.color,
        };
        choice.enabled(is_terminal, |name| std::env::var_os(name))
    }

    pub fn timeout(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.timeout)
    }

    /// Where the requests go and as whom.
    pub fn aws(&self) -> crate::aws::Options {
        crate::aws::Options {
            profile: self.profile.clone(),
            region: self.region.clone(),
            endpoint_url: self.endpoint_url.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// `auto` colours a terminal, unless NO_COLOR is set to a non-empty value (no-color.org)
    /// or TERM is `dumb`; CLICOLOR_FORCE set to anything but 0 colours any output (not over
    /// NO_COLOR). An explicit `always` or `never` wins over the environment.
    pub fn enabled(
        self,
        is_terminal: bool,
        env: impl Fn(&str) -> Option<std::ffi::OsString>,
    ) -> bool {
        let set = |name: &str| env(name).filter(|v| !v.is_empty());
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto if set("NO_COLOR").is_some() => false,
            ColorChoice::Auto if set("CLICOLOR_FORCE").is_some_and(|v| v != "0") => true,
            ColorChoice::Auto => is_terminal && env("TERM").is_none_or(|t| t != "dumb"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsString;

    #[test]
    fn color_auto_follows_terminal_and_the_environment() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                vars.iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| OsString::from(v))
            }
        };
        assert!(ColorChoice::Auto.enabled(true, env(&[])));
        assert!(!ColorChoice::Auto.enabled(false, env(&[])));
        assert!(!ColorChoice::Auto.enabled(true, env(&[("NO_COLOR", "1")])));
        assert!(ColorChoice::Auto.enabled(true, env(&[("NO_COLOR", "")])));
        assert!(!ColorChoice::Auto.enabled(true, env(&[("TERM", "dumb")])));
        assert!(ColorChoice::Auto.enabled(false, env(&[("CLICOLOR_FORCE", "1")])));
        assert!(!ColorChoice::Auto.enabled(false, env(&[("CLICOLOR_FORCE", "0")])));
        assert!(
            !ColorChoice::Auto.enabled(true, env(&[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")]))
        );
        assert!(ColorChoice::Always.enabled(false, env(&[("NO_COLOR", "1")])));
        assert!(!ColorChoice::Never.enabled(true, env(&[])));
    }
}
