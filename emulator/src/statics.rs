//! Static files (the demo page and `pkg/`), so the demo is one process.

use crate::config::StaticMount;
use percent_encoding::percent_decode_str;
use std::path::{Path, PathBuf};

/// A file found for a request path.
pub struct StaticFile {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Its content type.
    pub content_type: &'static str,
}

/// Finds the file for `path` in the longest matching mount; `None` when there is none.
pub async fn find(mounts: &[StaticMount], path: &str) -> Option<StaticFile> {
    let mut candidates: Vec<&StaticMount> = mounts.iter().collect();
    candidates.sort_by_key(|m| std::cmp::Reverse(m.prefix.len()));
    for mount in candidates {
        let rest = if mount.prefix == "/" {
            Some(path)
        } else {
            path.strip_prefix(mount.prefix.as_str())
                .filter(|r| r.is_empty() || r.starts_with('/'))
        };
        let Some(rest) = rest else { continue };
        let Some(file) = resolve(&mount.dir, rest) else {
            continue;
        };
        let file = match tokio::fs::metadata(&file).await {
            Ok(meta) if meta.is_dir() => file.join("index.html"),
            Ok(_) => file,
            Err(_) => continue,
        };
        if let Ok(bytes) = tokio::fs::read(&file).await {
            return Some(StaticFile {
                bytes,
                content_type: content_type(&file),
            });
        }
    }
    None
}

/// Maps a URL path below a mount to a file inside `dir`, refusing anything that could leave it.
fn resolve(dir: &Path, rest: &str) -> Option<PathBuf> {
    let decoded = percent_decode_str(rest).decode_utf8().ok()?;
    let mut file = dir.to_path_buf();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => continue,
            ".." => return None,
            s if s.contains('\\') || s.contains('\0') || s.contains(':') => return None,
            s => file.push(s),
        }
    }
    Some(file)
}

/// The content type for a file name (browsers insist on `application/wasm` for streaming compilation).
pub fn content_type(file: &Path) -> &'static str {
    let ext = file
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json",
        "css" => "text/css; charset=utf-8",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "txt" | "md" => "text/plain; charset=utf-8",
        "ts" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_refuses_escapes() {
        let dir = Path::new("/srv");
        assert_eq!(resolve(dir, "/a/b.js"), Some(PathBuf::from("/srv/a/b.js")));
        assert_eq!(resolve(dir, "/a/../../etc/passwd"), None);
        assert_eq!(resolve(dir, "/%2e%2e/etc/passwd"), None);
        assert_eq!(resolve(dir, "/a%2f..%2f..%2fx"), None);
        assert_eq!(resolve(dir, "/a\\b"), None);
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type(Path::new("x.wasm")), "application/wasm");
        assert_eq!(
            content_type(Path::new("x.mjs")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("x.svg")), "image/svg+xml");
    }
}
