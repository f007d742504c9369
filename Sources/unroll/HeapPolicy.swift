// The process's malloc policy: the tensors of a training step come from the heap, not from fresh mmap pages.
#if canImport(Glibc)
import Glibc
#endif

enum HeapPolicy {
    /// Serves blocks up to 32 MiB (glibc's largest threshold) from the heap and keeps up to 64 MiB of freed heap
    /// instead of returning it to the system.
    ///
    /// glibc gives every block above its mmap threshold (128 KiB at start) fresh pages, so a training step that
    /// allocates a few hundred KiB of tensors page-faults them in again on every step until malloc's adaptive
    /// threshold has grown. Larger blocks (a tensor over 32 MiB) are still mapped and unmapped on their own, so a
    /// big tensor's memory goes back to the system when it is freed. `mallopt` is looked up at run time (Swift's
    /// Glibc module does not declare it), so a C library without it leaves the defaults.
    static func apply() {
        #if canImport(Glibc)
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
        let trimThreshold: Int32 = -1, mmapThreshold: Int32 = -3  // M_TRIM_THRESHOLD, M_MMAP_THRESHOLD in malloc.h
        _ = mallopt(mmapThreshold, 32 << 20)
        _ = mallopt(trimThreshold, 64 << 20)
        #endif
    }
}
