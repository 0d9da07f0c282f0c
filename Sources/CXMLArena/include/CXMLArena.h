#ifndef WORKSHOPKIT_CXMLARENA_H
#define WORKSHOPKIT_CXMLARENA_H

#include <stddef.h>
#if defined(__linux__)
#include <malloc.h>
#endif

// A per-thread arena for libxml2's memory while one document is built and written.
//
// A kit document is a tree of a few thousand nodes that lives for a fraction of a
// millisecond: built, serialised, dropped. With the arena, libxml2's allocations on a
// thread inside `workshopkit_arena_begin`/`_end` are bumps of a pointer, and the tree is
// dropped at `_end` at once instead of freed node by node.
//
// The four allocation functions are installed with `xmlMemSetup` before libxml2 is used.
// Outside a scope they pass through to the C library. `free` and `realloc` tell an arena
// block from a heap block by address, so a block from either may reach either.
//
// At the end, two settings of the C library's own allocator for batch processes.

void *workshopkit_arena_malloc(size_t size);
void *workshopkit_arena_realloc(void *pointer, size_t size);
void workshopkit_arena_free(void *pointer);
char *workshopkit_arena_strdup(const char *string);

// Starts a scope on this thread; returns 0, and starts nothing, when one is already open.
int workshopkit_arena_begin(void);
// Ends this thread's scope: every block allocated in it is gone. Returns how many
// documents adopted in the scope were not released (0 when the scope was used rightly).
long workshopkit_arena_end(void);
// Whether a scope is open on this thread.
int workshopkit_arena_active(void);
// A document built in the scope starts (adopt) and ends (release) its life.
void workshopkit_arena_adopt(void);
void workshopkit_arena_release(void);
// Bytes handed out in this thread's current or last scope, for tests.
size_t workshopkit_arena_used(void);

// For a batch process (see `BatchMemory` in WorkshopKit): the C library keeps up to `kept`
// bytes of freed memory at the top of a heap instead of giving them back to the kernel,
// and grows a heap by `growth` bytes more than asked. Returns 1 when both were taken, 0
// otherwise or without glibc.
static inline int workshopkit_keep_freed_memory(int kept, int growth) {
#if defined(__GLIBC__) && defined(M_TRIM_THRESHOLD) && defined(M_TOP_PAD)
  return mallopt(M_TRIM_THRESHOLD, kept) == 1 && mallopt(M_TOP_PAD, growth) == 1;
#else
  (void)kept;
  (void)growth;
  return 0;
#endif
}

// Bytes the C library has taken from the kernel for its heaps, for tests; 0 without glibc.
static inline size_t workshopkit_heap_bytes(void) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
  return mallinfo2().arena;
#else
  return 0;
#endif
}

#endif
