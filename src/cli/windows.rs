//! What only Windows can say, in one place: how many processes share this console, and where
//! the user's Documents folder is. Elsewhere the answers are "no console" and the home folder.

use std::path::PathBuf;

/// How many processes are attached to this process's console: 1 when Windows made the console
/// for this process alone (started from Explorer), more when it is a shell's, 0 when there is
/// none.
#[cfg(windows)]
pub(super) fn console_processes() -> u32 {
    use windows_sys::Win32::System::Console::GetConsoleProcessList;
    let mut ids = [0u32; 4];
    // SAFETY: the buffer holds `ids.len()` process ids, as the count passed says; the call
    // writes no more than that and returns the number attached (0 on failure).
    unsafe { GetConsoleProcessList(ids.as_mut_ptr(), ids.len() as u32) }
}

#[cfg(not(windows))]
pub(super) fn console_processes() -> u32 {
    0
}

/// The user's Documents folder (where Explorer's 文档 leads, redirected or not); the profile's
/// Documents when the shell cannot say.
#[cfg(windows)]
pub(super) fn documents() -> PathBuf {
    known_documents().unwrap_or_else(|| home().join("Documents"))
}

#[cfg(windows)]
fn known_documents() -> Option<PathBuf> {
    use std::os::windows::ffi::OsStringExt;
    use windows_sys::Win32::System::Com::CoTaskMemFree;
    use windows_sys::Win32::UI::Shell::{FOLDERID_Documents, SHGetKnownFolderPath};
    let mut wide: *mut u16 = std::ptr::null_mut();
    // SAFETY: the shell allocates a NUL-terminated string into `wide`, read up to its NUL and
    // then freed with CoTaskMemFree, as SHGetKnownFolderPath's contract says (even on failure).
    unsafe {
        let found = SHGetKnownFolderPath(&FOLDERID_Documents, 0, std::ptr::null_mut(), &mut wide);
        let path = (found == 0 && !wide.is_null()).then(|| {
            let len = (0..).take_while(|&i| *wide.add(i) != 0).count();
            std::ffi::OsString::from_wide(std::slice::from_raw_parts(wide, len))
        });
        CoTaskMemFree(wide.cast());
        path.map(PathBuf::from)
    }
}

/// The home folder's Documents: what a double-click would use if it happened here.
#[cfg(not(windows))]
pub(super) fn documents() -> PathBuf {
    home().join("Documents")
}

fn home() -> PathBuf {
    let var = if cfg!(windows) { "USERPROFILE" } else { "HOME" };
    std::env::var_os(var).map_or_else(|| PathBuf::from("."), PathBuf::from)
}
