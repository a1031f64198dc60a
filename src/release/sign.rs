//! Signing a manifest and checking its signature with SSH signatures (`ssh-keygen -Y`), the
//! method SCS already uses for compliance reports, with the key git is configured to sign with
//! (`user.signingkey`) and the signers git trusts (`gpg.ssh.allowedSignersFile`).

use super::ReleaseError;
use super::git::Repo;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The namespace of normwerk's signatures: a signature made for another purpose (a commit, a
/// file) does not verify as a release's.
pub const NAMESPACE: &str = "normwerk-release";

/// `NAME.json.sig` beside `NAME.json`.
pub fn signature_path(manifest: &Path) -> PathBuf {
    let mut name = manifest.as_os_str().to_owned();
    name.push(".sig");
    PathBuf::from(name)
}

/// Whether a manifest at `manifest` can be signed: git is set to sign with an SSH key, and no
/// signature is in the way. Checked before a release is written.
pub fn ready(repo: &Repo, manifest: &Path) -> Result<String, ReleaseError> {
    let fail = |message: String| ReleaseError::Sign {
        path: manifest.to_owned(),
        message,
    };
    let config = repo.repo.config()?;
    match config.get_string("gpg.format") {
        Ok(format) if format == "ssh" => {}
        Ok(format) => {
            return Err(fail(format!(
                "git's gpg.format is {format:?}; normwerk signs with SSH keys (`git config gpg.format ssh`)"
            )));
        }
        Err(_) => {
            return Err(fail(
                "git signs with OpenPGP unless told otherwise; normwerk signs with SSH keys (`git config gpg.format ssh`)".to_owned(),
            ));
        }
    }
    let key = config.get_string("user.signingkey").map_err(|_| {
        fail("git has no signing key: set one with `git config user.signingkey ~/.ssh/id_ed25519.pub`".to_owned())
    })?;
    let sig = signature_path(manifest);
    if sig.exists() {
        return Err(fail(format!("{} exists already", sig.display())));
    }
    if Command::new("ssh-keygen").arg("-?").output().is_err() {
        return Err(fail("ssh-keygen (OpenSSH) is not installed".to_owned()));
    }
    Ok(key)
}

/// Signs the manifest at `manifest` with git's signing key, writing `NAME.json.sig`.
pub fn sign(repo: &Repo, manifest: &Path) -> Result<PathBuf, ReleaseError> {
    let fail = |message: String| ReleaseError::Sign {
        path: manifest.to_owned(),
        message,
    };
    let key = ready(repo, manifest)?;
    let sig = signature_path(manifest);
    // A literal key (`key::ssh-ed25519 …`) is handed over in a file; its private half is in the
    // agent.
    let literal;
    let key_file = match key.strip_prefix("key::") {
        Some(public) => {
            literal = tempfile::NamedTempFile::new().map_err(|e| fail(e.to_string()))?;
            std::fs::write(literal.path(), public).map_err(|e| fail(e.to_string()))?;
            literal.path().to_owned()
        }
        None => expand_home(&key),
    };
    let out = Command::new("ssh-keygen")
        .args(["-q", "-Y", "sign", "-n", NAMESPACE, "-f"])
        .arg(&key_file)
        .arg(manifest)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| fail(format!("cannot run ssh-keygen: {e}")))?;
    if !out.status.success() {
        let _ = std::fs::remove_file(&sig);
        return Err(fail(format!(
            "ssh-keygen -Y sign failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    Ok(sig)
}

/// What a manifest's signature says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignatureCheck {
    /// No `NAME.json.sig`.
    Unsigned,
    /// Valid, by this signer of git's allowed signers file; `None`: valid, but no allowed
    /// signers file is configured, so who signed is not known (`--require-signature` refuses
    /// that).
    Valid(Option<String>),
    /// Present and not valid for these bytes, or by a signer git does not trust.
    Invalid(String),
    /// It could not be checked (no `ssh-keygen`).
    Unchecked(String),
}

/// Checks the signature of the manifest `bytes` read from `manifest`.
pub fn check(repo: Option<&Repo>, manifest: &Path, bytes: &[u8]) -> SignatureCheck {
    let sig = signature_path(manifest);
    if !sig.exists() {
        return SignatureCheck::Unsigned;
    }
    let allowed = repo
        .and_then(|r| r.repo.config().ok())
        .and_then(|c| c.get_string("gpg.ssh.allowedSignersFile").ok())
        .map(|f| expand_home(&f));
    let Some(allowed) = allowed else {
        return match ssh_keygen(
            &["-Y", "check-novalidate", "-n", NAMESPACE, "-s"],
            &sig,
            bytes,
        ) {
            Ok(_) => SignatureCheck::Valid(None),
            Err(Run::Failed(m)) => SignatureCheck::Invalid(m),
            Err(Run::Missing(m)) => SignatureCheck::Unchecked(m),
        };
    };
    let principals = Command::new("ssh-keygen")
        .args(["-Y", "find-principals", "-f"])
        .arg(&allowed)
        .arg("-s")
        .arg(&sig)
        .stdin(Stdio::null())
        .output();
    let out = match principals {
        Err(e) => return SignatureCheck::Unchecked(format!("cannot run ssh-keygen: {e}")),
        Ok(out) => out,
    };
    let principal = String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .map(str::trim)
        .filter(|p| out.status.success() && !p.is_empty())
        .map(str::to_owned);
    let Some(principal) = principal else {
        let why = String::from_utf8_lossy(&out.stderr).trim().to_owned();
        return SignatureCheck::Invalid(format!(
            "no signer of git's allowed signers file ({}) made it{}",
            allowed.display(),
            if why.is_empty() {
                String::new()
            } else {
                format!(": {why}")
            }
        ));
    };
    let allowed = allowed.to_string_lossy().into_owned();
    let args = [
        "-Y", "verify", "-f", &allowed, "-I", &principal, "-n", NAMESPACE, "-s",
    ];
    match ssh_keygen(&args, &sig, bytes) {
        Ok(_) => SignatureCheck::Valid(Some(principal)),
        Err(Run::Failed(m)) => SignatureCheck::Invalid(m),
        Err(Run::Missing(m)) => SignatureCheck::Unchecked(m),
    }
}

enum Run {
    Failed(String),
    Missing(String),
}

/// Runs `ssh-keygen ARGS SIG` with `bytes` on standard input.
fn ssh_keygen(args: &[&str], sig: &Path, bytes: &[u8]) -> Result<String, Run> {
    let mut child = Command::new("ssh-keygen")
        .args(args)
        .arg(sig)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Run::Missing(format!("cannot run ssh-keygen: {e}")))?;
    if let Some(mut stdin) = child.stdin.take() {
        // ssh-keygen may stop reading early on a bad signature: its verdict says why.
        let _ = stdin.write_all(bytes);
    }
    let out = child
        .wait_with_output()
        .map_err(|e| Run::Missing(format!("ssh-keygen: {e}")))?;
    let text = |b: &[u8]| String::from_utf8_lossy(b).trim().to_owned();
    if out.status.success() {
        Ok(text(&out.stdout))
    } else {
        let why = text(&out.stderr);
        Err(Run::Failed(if why.is_empty() {
            text(&out.stdout)
        } else {
            why
        }))
    }
}

/// `~/x` as the home folder's `x`, as git reads these settings.
fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => Path::new(&home).join(rest),
        _ => PathBuf::from(path),
    }
}
