//! `normwerk release`: make, verify, list and describe releases.

use super::{Cli, EXIT_FINDINGS, EXIT_OK, Refused, emit};
use crate::lifecycle::first_chars;
use crate::release::{self, ReleaseError, ReleaseRequest, Releases, SignatureCheck};
use anyhow::Result;
use clap::{Subcommand, ValueEnum};

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct ReleaseArgs {
    #[command(subcommand)]
    pub action: Option<ReleaseAction>,
    /// The release's name: its manifest is `releases/NAME.json`, its tag `NAME` (letters,
    /// digits, `.`, `_`, `-`).
    #[arg(required = true)]
    pub name: Option<String>,
    /// The day of the states; without --commit, the last commit of HEAD's first-parent line on
    /// or before that day is released (default: SOURCE_DATE_EPOCH, else today, with HEAD).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::asof::parse_day)]
    pub as_of: Option<jiff::civil::Date>,
    /// Release this commit (a revision: a branch, a tag, an id) instead of the day's.
    #[arg(long, value_name = "REV")]
    pub commit: Option<String>,
    /// Also create the annotated git tag NAME on the released commit; its message records the
    /// manifest's SHA-256.
    #[arg(long)]
    pub tag: bool,
    /// Sign the manifest with git's SSH signing key (`user.signingkey`), writing NAME.json.sig.
    #[arg(long)]
    pub sign: bool,
    /// Print the manifest, write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Subcommand)]
pub enum ReleaseAction {
    /// Check a release (all of them without NAME): every file's blob and hash at its commit,
    /// nothing left out, its states, its tag, the chain, its signature. Exit 1 on any mismatch.
    Verify {
        name: Option<String>,
        /// Also fail a release that is unsigned, or whose signer is not checked (git has no
        /// `gpg.ssh.allowedSignersFile`).
        #[arg(long)]
        require_signature: bool,
    },
    /// What changed since the release before: new documents, lifecycle transitions, Stable
    /// documents whose normative statements changed, scope versions, removed documents.
    Changelog {
        name: String,
        #[arg(long, value_enum, default_value_t = ChangelogFormat::Markdown)]
        format: ChangelogFormat,
    },
    /// The releases, oldest first.
    List,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChangelogFormat {
    Markdown,
    Json,
}

pub fn run(cli: &Cli, args: &ReleaseArgs) -> Result<u8> {
    match &args.action {
        Some(ReleaseAction::Verify {
            name,
            require_signature,
        }) => verify(cli, name.as_deref(), *require_signature),
        Some(ReleaseAction::Changelog { name, format }) => changelog(cli, name, *format),
        Some(ReleaseAction::List) => list(cli),
        None => make(cli, args),
    }
}

fn make(cli: &Cli, args: &ReleaseArgs) -> Result<u8> {
    let ws = cli.selection().workspace("")?;
    let name = args.name.as_deref().unwrap_or_default();
    let req = ReleaseRequest {
        name,
        as_of: args.as_of,
        commit: args.commit.as_deref(),
        tag: args.tag,
        sign: args.sign,
    };
    let progress = super::progress::Progress::start("making the release");
    let made = release::make(&ws.source, &ws.config, &req);
    drop(progress);
    let made = made.map_err(refusal)?;
    let repo = release::Repo::open(&ws.source)?;
    let previous = made
        .releases
        .newest()
        .and_then(|f| f.manifest.as_ref().ok());
    let log = release::changelog(&repo, &ws.config.profile, previous, &made.manifest)?;
    let published = if args.dry_run {
        emit(&made.json)?;
        None
    } else {
        Some(release::publish(&made, &repo, args.sign, args.tag).map_err(refusal)?)
    };
    let m = &made.manifest;
    let docs = m
        .files
        .iter()
        .filter(|f| f.kind == release::FileKind::Document)
        .count();
    say!(
        "{} release {} as of {}: {docs} document(s) and {} scope file(s) of commit {} ({}){}",
        if args.dry_run { "would make" } else { "made" },
        m.name,
        m.as_of,
        m.files.len() - docs,
        first_chars(&m.commit, 12),
        m.commit_date,
        if args.dry_run {
            String::new()
        } else {
            format!(", in {}", made.path.display())
        }
    );
    say!(
        "since {}: {}",
        m.previous
            .as_ref()
            .map_or("nothing (the first release)", |p| p.name.as_str()),
        log.summary()
    );
    let Some(published) = published else {
        return Ok(EXIT_OK);
    };
    if let Some(sig) = &published.signature {
        say!("signed: {}", sig.display());
    }
    if published.tagged {
        say!(
            "tagged {} (push it with `git push origin {}`)",
            m.name,
            m.name
        );
    }
    say!(
        "next: commit {} and publish the site (`normwerk build`); readers check it with `normwerk release verify {}`",
        made.path.display(),
        m.name
    );
    Ok(EXIT_OK)
}

/// Releasing refused by the process of releasing (a name taken, the order, the chain, a commit
/// outside the history, documents that cannot be published): exit 1, not 2.
fn refusal(e: ReleaseError) -> anyhow::Error {
    match e {
        ReleaseError::Blocked(lines) => {
            eprintln!("{}", lines.join("\n"));
            Refused(format!(
                "{} document(s) of the commit cannot be published as they are, so there is no release; fix them in a later commit, or release an earlier one (--commit)",
                lines.len()
            ))
            .into()
        }
        e @ (ReleaseError::Refused(_)
        | ReleaseError::Exists { .. }
        | ReleaseError::OutOfOrder { .. }
        | ReleaseError::Chain(_)) => Refused(e.to_string()).into(),
        e => e.into(),
    }
}

fn verify(cli: &Cli, name: Option<&str>, require_signature: bool) -> Result<u8> {
    let ws = cli.selection().workspace("")?;
    let releases = Releases::load(&release::folder(&ws.source, &ws.config))?;
    let repo = release::Repo::open(&ws.source)?;
    let mut results = match name {
        Some(n) => {
            releases.get(n)?;
            release::verify(&ws.source, &ws.config, n).map(|v| vec![v])?
        }
        None => release::verify_all(&repo, &ws.config, &releases, release::Depth::Full),
    };
    if require_signature {
        for v in &mut results {
            match &v.signature {
                SignatureCheck::Valid(Some(_)) | SignatureCheck::Invalid(_) => {}
                SignatureCheck::Valid(None) => v.problems.push(
                    "its signer is not checked: git has no gpg.ssh.allowedSignersFile".to_owned(),
                ),
                SignatureCheck::Unsigned => v.problems.push("it is not signed".to_owned()),
                SignatureCheck::Unchecked(why) => v
                    .problems
                    .push(format!("its signature cannot be checked: {why}")),
            }
        }
    }
    let mut failed = 0;
    if name.is_none() {
        for tag in repo.release_tags() {
            if releases.get(&tag).is_err() {
                failed += 1;
                emit(&format!(
                    "{tag}: DOES NOT VERIFY\n  - the release is tagged, but its manifest is gone from {}\n",
                    releases.folder.display()
                ))?;
            }
        }
    }
    if results.is_empty() && failed == 0 {
        say!("no release in {}", releases.folder.display());
    }
    for v in &results {
        let signature = match &v.signature {
            SignatureCheck::Unsigned => "unsigned".to_owned(),
            SignatureCheck::Valid(Some(who)) => format!("signed by {who}"),
            SignatureCheck::Valid(None) => {
                "signature valid (signer not checked: git has no gpg.ssh.allowedSignersFile)"
                    .to_owned()
            }
            SignatureCheck::Invalid(_) => "signature INVALID".to_owned(),
            SignatureCheck::Unchecked(why) => format!("signature not checked: {why}"),
        };
        if v.verified() {
            emit(&format!(
                "{}: verified — {} file(s) of commit {} as of {}, {signature}\n",
                v.name,
                v.files,
                v.commit.as_deref().map_or("?", |c| first_chars(c, 12)),
                v.as_of.as_deref().unwrap_or("?")
            ))?;
        } else {
            failed += 1;
            emit(&format!("{}: DOES NOT VERIFY ({signature})\n", v.name))?;
            for p in v.modified.iter().chain(&v.problems) {
                emit(&format!("  - {p}\n"))?;
            }
        }
    }
    Ok(if failed > 0 { EXIT_FINDINGS } else { EXIT_OK })
}

fn changelog(cli: &Cli, name: &str, format: ChangelogFormat) -> Result<u8> {
    let ws = cli.selection().workspace("")?;
    let releases = Releases::load(&release::folder(&ws.source, &ws.config))?;
    let found = releases.get(name)?;
    let manifest = found
        .manifest
        .as_ref()
        .map_err(|e| anyhow::anyhow!("{}: {e}", found.path.display()))?;
    let previous = manifest
        .previous
        .as_ref()
        .map(|p| releases.get(&p.name))
        .transpose()?
        .map(|f| {
            f.manifest
                .as_ref()
                .map_err(|e| anyhow::anyhow!("{}: {e}", f.path.display()))
        })
        .transpose()?;
    let repo = release::Repo::open(&ws.source)?;
    let log = release::changelog(&repo, &ws.config.profile, previous, manifest)?;
    match format {
        ChangelogFormat::Markdown => emit(&release::changelog_markdown(&log))?,
        ChangelogFormat::Json => emit(&crate::index::to_json(&log))?,
    }
    Ok(EXIT_OK)
}

fn list(cli: &Cli) -> Result<u8> {
    let ws = cli.selection().workspace("")?;
    let releases = Releases::load(&release::folder(&ws.source, &ws.config))?;
    if releases.found.is_empty() {
        say!("no release in {}", releases.folder.display());
    }
    for f in &releases.found {
        let line = match &f.manifest {
            Ok(m) => format!(
                "{}\tas of {}\tcommit {}\t{} file(s)\n",
                f.name,
                m.as_of,
                first_chars(&m.commit, 12),
                m.files.len()
            ),
            Err(e) => format!("{}\tunreadable: {e}\n", f.name),
        };
        emit(&line)?;
    }
    Ok(EXIT_OK)
}
