//! The subcommands, one module each with its flags (`audit` and its `sweep` of many accounts,
//! `merge`, `diff`, `fix`, `permissions`, `checks`/`explain`), the small ones here (`init`,
//! `completions`, `man`), and what they share: the global flags and `--output`.

pub mod audit;
pub mod checks;
pub mod diff;
pub mod fix;
pub mod merge;
pub mod permissions;
mod spinner;
pub mod sweep;

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};

use crate::render::Format;

/// `iam-harden init`: a commented default config file, never over an existing one.
pub fn init(path: &Path) -> Result<u8> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("cannot create {} (it must not exist yet)", path.display()))?;
    file.write_all(crate::config::default_file().as_bytes())
        .with_context(|| format!("writing {}", path.display()))?;
    crate::output::stderr_line(format!("wrote {}", path.display()));
    Ok(crate::exit::GREEN)
}

/// `iam-harden completions SHELL`: generated from the command-line definition.
pub fn completions(shell: clap_complete::Shell, mut definition: clap::Command) -> Result<u8> {
    let mut buffer = Vec::new();
    clap_complete::generate(shell, &mut definition, "iam-harden", &mut buffer);
    write_stdout(&buffer)
}

/// `iam-harden man`: the man page, roff, generated from the command-line definition; with a
/// directory, every page the main page refers to (one per subcommand) is written there.
pub fn man(definition: clap::Command, dir: Option<&std::path::Path>) -> Result<u8> {
    // Pages name the release, not the commit: the ones shipped in the archives are
    // generated once per release and must not change with every commit.
    fn release_version(command: clap::Command) -> clap::Command {
        command
            .version(env!("CARGO_PKG_VERSION"))
            .mut_subcommands(release_version)
    }
    let definition = release_version(definition);
    if let Some(dir) = dir {
        std::fs::create_dir_all(dir)
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
        clap_mangen::generate_to(definition, dir)
            .map_err(|e| anyhow::anyhow!("cannot write the man pages to {}: {e}", dir.display()))?;
        return Ok(crate::exit::GREEN);
    }
    let mut buffer = Vec::new();
    clap_mangen::Man::new(definition).render(&mut buffer)?;
    write_stdout(&buffer)
}

/// Generated text to stdout; a reader that stops early is not an error.
fn write_stdout(bytes: &[u8]) -> Result<u8> {
    match std::io::stdout().lock().write_all(bytes) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(crate::exit::GREEN),
    }
}

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

/// `--output FORMAT=PATH`, or `--output PATH` for the `--format` format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputSpec {
    pub format: Option<Format>,
    pub path: std::path::PathBuf,
}

impl std::str::FromStr for OutputSpec {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        // FORMAT=PATH: a word before the `=` is a format's name (a path with `=` in it is
        // written `./a=b.json`).
        if let Some((name, path)) = text.split_once('=')
            && !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            let format = Format::from_str(name, true).map_err(|_| {
                let known: Vec<String> = Format::value_variants()
                    .iter()
                    .filter_map(|f| f.to_possible_value().map(|v| v.get_name().to_string()))
                    .collect();
                format!(
                    "unknown format {name:?} (known: {}); a file with '=' in its name is \
                     written ./{text}",
                    known.join(", ")
                )
            })?;
            if path.is_empty() {
                return Err(format!("{name}= needs a file path"));
            }
            return Ok(Self {
                format: Some(format),
                path: path.into(),
            });
        }
        if text.is_empty() {
            return Err("needs a file path".into());
        }
        Ok(Self {
            format: None,
            path: text.into(),
        })
    }
}

/// The stdout format and the files to write. A bare `--output PATH` takes the `--format`
/// format and leaves the checklist on stdout.
pub fn outputs(
    format: Format,
    specs: &[OutputSpec],
    inputs: &[&std::path::Path],
) -> Result<(Format, Vec<(Format, std::path::PathBuf)>)> {
    let mut stdout = format;
    let mut files = Vec::new();
    for spec in specs {
        match spec.format {
            Some(f) => files.push((f, spec.path.clone())),
            None if format == Format::Table => match Format::for_extension(&spec.path) {
                Some(f) => files.push((f, spec.path.clone())),
                None => bail!(
                    "--output {} needs a format: use FORMAT=PATH (json, junit, sarif, markdown, csv, asff, ocsf, html), a known extension (.json, .xml, .sarif, .md, .csv, .html) or --format",
                    spec.path.display()
                ),
            },
            None => {
                files.push((format, spec.path.clone()));
                stdout = Format::Table;
            }
        }
    }
    // Compared by where they lead, not by spelling: `r.out` and `./r.out` are one file.
    let targets: Vec<std::path::PathBuf> = files
        .iter()
        .map(|(_, path)| crate::output::canonical_target(path))
        .collect();
    for (i, (_, path)) in files.iter().enumerate() {
        if let Some(j) = targets[..i].iter().position(|t| *t == targets[i]) {
            bail!(
                "--output names one file twice: {} and {}",
                files[j].1.display(),
                path.display()
            );
        }
        // A report over the file the run reads (a baseline, authorization details, a shard)
        // would destroy the evidence it is compared with.
        if let Some(input) = inputs
            .iter()
            .find(|input| crate::output::canonical_target(input) == targets[i])
        {
            bail!(
                "--output {} is the run's own input {}: write the report elsewhere",
                path.display(),
                input.display()
            );
        }
    }
    Ok((stdout, files))
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

    #[test]
    fn output_specs() {
        use std::str::FromStr;
        let junit = OutputSpec::from_str("junit=reports/iam.xml").expect("spec");
        assert_eq!(junit.format, Some(Format::Junit));
        assert_eq!(junit.path, std::path::Path::new("reports/iam.xml"));
        let bare = OutputSpec::from_str("report.json").expect("spec");
        assert_eq!(bare.format, None);
        let odd = OutputSpec::from_str("./a=b.json").expect("a path with '='");
        assert_eq!(odd.format, None);
        assert_eq!(odd.path, std::path::Path::new("./a=b.json"));
        assert!(OutputSpec::from_str("sarif=").is_err());
        let unknown = OutputSpec::from_str("foo=bar").expect_err("unknown format");
        assert!(unknown.starts_with("unknown format \"foo\""), "{unknown}");
        let (stdout, files) = outputs(
            Format::Table,
            &[bare, OutputSpec::from_str("r.sarif").expect("spec")],
            &[],
        )
        .expect("extensions name the formats");
        assert_eq!(stdout, Format::Table);
        assert_eq!(files[0].0, Format::Json);
        assert_eq!(files[1].0, Format::Sarif);
        assert!(
            outputs(
                Format::Table,
                &[OutputSpec::from_str("report.txt").expect("spec")],
                &[]
            )
            .is_err()
        );
    }
}
