//! Handing freed heap pages back to the system between the stages of a large run.

/// Returns the heap pages freed so far to the system. A national study's stages each leave
/// gigabytes of working memory behind (ten million judgment rows parsed into cells, a
/// chunk of berita acara, the explore pages); glibc keeps such pages mapped when live data
/// sit between them, so without this they would add up in the run's peak. Elsewhere a
/// no-op.
pub fn release_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            fn malloc_trim(pad: usize) -> std::ffi::c_int;
        }
        // SAFETY: glibc's malloc_trim only releases pages that hold no allocation.
        unsafe {
            malloc_trim(0);
        }
    }
}
