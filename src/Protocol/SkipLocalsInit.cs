using System.Runtime.CompilerServices;

// The generated readers stackalloc name and discriminator buffers on every object; they are always written before
// they are read, so zeroing them is wasted work on the hot path.
[module: SkipLocalsInit]
