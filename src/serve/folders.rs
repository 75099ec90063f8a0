//! The folder chooser: the folders under a path on this machine, to pick an evidence folder
//! from. It only lists: names of folders (and links to folders, said to be links), how many
//! files a folder holds, never a file's name or content. Hidden entries (a leading `.`) and
//! names that are not UTF-8 are left out.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;

use super::reply::{Failure, Reply};
use super::routes::Shared;

/// Folders listed at most, so a folder of a million entries answers quickly.
const LISTED: usize = 2000;

/// What the chooser asks for: `?path=/home/user`, or nothing for the starting places.
#[derive(serde::Deserialize)]
pub struct Asked {
    path: Option<String>,
}

/// A folder in the list.
#[derive(Debug, serde::Serialize)]
struct Folder {
    /// Its name (or, among the starting places, what it is).
    name: String,
    /// Its full path, to list it next.
    path: String,
    /// A symbolic link to a folder, not a folder itself.
    link: bool,
}

/// The folders under `?path=`, or the starting places without one.
pub async fn list(
    State(s): State<Arc<Shared>>,
    Query(asked): Query<Asked>,
) -> Reply<Json<serde_json::Value>> {
    let Some(path) = asked.path.filter(|p| !p.is_empty()) else {
        return Ok(Json(serde_json::json!({ "path": null, "parent": null,
            "folders": starts(s.workspace.root()), "files": 0, "more": false })));
    };
    let dir = folder(&path)?;
    let listed = tokio::task::spawn_blocking(move || listing(&dir))
        .await
        .map_err(|_| unreadable(&path, "列出文件夹时出错"))?;
    let (folders, files, more) = listed.map_err(|e| unreadable(&path, &io(&e)))?;
    let parent = Path::new(&path)
        .parent()
        .map(|p| p.to_string_lossy().into_owned());
    Ok(Json(serde_json::json!({ "path": path, "parent": parent,
        "folders": folders, "files": files, "more": more })))
}

/// The path asked for, when it is a full path to a folder.
pub fn folder(path: &str) -> Reply<PathBuf> {
    let dir = PathBuf::from(path);
    if path.contains('\0') || !dir.is_absolute() {
        return Err(
            Failure::new(StatusCode::BAD_REQUEST, path, "要给出完整的文件夹路径")
                .with_hint("如 /home/用户/佐证材料 或 D:\\佐证材料；也可以在列表里逐级点选"),
        );
    }
    match std::fs::metadata(&dir) {
        Err(_) => Err(
            Failure::new(StatusCode::NOT_FOUND, path, "没有这个文件夹，或无权打开")
                .with_hint("检查路径，或在列表里逐级点选"),
        ),
        Ok(m) if !m.is_dir() => {
            Err(
                Failure::new(StatusCode::BAD_REQUEST, path, "这是文件，不是文件夹")
                    .with_hint("选它所在的文件夹"),
            )
        }
        Ok(_) => Ok(dir),
    }
}

/// Places to start from: the workspace, the home folder, the roots (drives on Windows).
fn starts(workspace: &Path) -> Vec<Folder> {
    let place = |name: &str, path: &Path| Folder {
        name: format!("{name}（{}）", crate::error::shown(path)),
        path: path.to_string_lossy().into_owned(),
        link: false,
    };
    let mut out = vec![place("工作文件夹", workspace)];
    let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE"));
    out.extend(home.map(|h| place("主文件夹", Path::new(&h))));
    out.extend(roots().iter().map(|r| place("磁盘", r)));
    out
}

#[cfg(windows)]
fn roots() -> Vec<PathBuf> {
    (b'A'..=b'Z')
        .map(|d| PathBuf::from(format!("{}:\\", d as char)))
        .filter(|p| p.is_dir())
        .collect()
}

#[cfg(not(windows))]
fn roots() -> Vec<PathBuf> {
    vec![PathBuf::from("/")]
}

/// The folders in `dir` by name, how many other entries it has, and whether the list was cut.
fn listing(dir: &Path) -> std::io::Result<(Vec<Folder>, usize, bool)> {
    let (mut folders, mut files) = (Vec::new(), 0usize);
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        let link = entry.file_type().is_ok_and(|t| t.is_symlink());
        // A link is listed when it leads to a folder; its target is not read otherwise.
        if name.starts_with('.') {
            continue;
        } else if entry.path().is_dir() {
            let path = entry.path().to_string_lossy().into_owned();
            folders.push(Folder { name, path, link });
        } else {
            files += 1;
        }
    }
    folders.sort_by(|a, b| a.name.cmp(&b.name));
    let more = folders.len() > LISTED;
    folders.truncate(LISTED);
    Ok((folders, files, more))
}

fn io(e: &std::io::Error) -> String {
    format!("无法列出：{}", crate::error::io_reason(e))
}

fn unreadable(path: &str, why: &str) -> Failure {
    Failure::new(StatusCode::FORBIDDEN, path, why).with_hint("换一个有权打开的文件夹")
}
