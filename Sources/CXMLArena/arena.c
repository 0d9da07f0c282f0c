#include "CXMLArena.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// Chunks are kept in a list; the first is kept between scopes for the next document,
// the others are freed at the end of a scope, so a thread keeps at most one chunk.
enum { chunkSize = 256 * 1024, alignment = 16 };

typedef struct Chunk {
  struct Chunk *next;
  size_t size;  // of the whole chunk, this header included
  _Alignas(16) unsigned char data[];
} Chunk;

typedef struct {
  Chunk *first;
  Chunk *current;
  unsigned char *cursor;
  unsigned char *limit;
  int active;
  long documents;
  size_t used;
} Arena;

static _Thread_local Arena arena;

// Frees a thread's chunks when the thread ends (dispatch's worker threads come and go).
static pthread_key_t exitKey;
static pthread_once_t exitKeyOnce = PTHREAD_ONCE_INIT;

static void freeChunks(Chunk *chunk) {
  while (chunk != NULL) {
    Chunk *next = chunk->next;
    free(chunk);
    chunk = next;
  }
}

static void threadExit(void *unused) {
  (void)unused;
  freeChunks(arena.first);
  arena.first = NULL;
  arena.current = NULL;
}

static void makeExitKey(void) { pthread_key_create(&exitKey, threadExit); }

static int owns(const void *pointer) {
  const unsigned char *address = pointer;
  for (const Chunk *chunk = arena.first; chunk != NULL; chunk = chunk->next) {
    const unsigned char *start = (const unsigned char *)chunk;
    if (address >= start && address < start + chunk->size) return 1;
  }
  return 0;
}

// A block: its size (for realloc) in the 16 bytes before what is handed out.
static void *place(size_t size, size_t need) {
  unsigned char *block = arena.cursor;
  arena.cursor += need;
  arena.used += need;
  *(size_t *)block = size;
  return block + alignment;
}

// The slow way, when the current chunk has no room (or there is none yet): the next chunk,
// or a new one, large enough. Kept out of line so the fast way saves no registers.
static __attribute__((noinline)) void *bumpIntoNextChunk(size_t size) {
  if (size > SIZE_MAX - 2 * alignment - sizeof(Chunk)) return NULL;
  size_t need = alignment + ((size + alignment - 1) & ~(size_t)(alignment - 1));
  if (arena.cursor == NULL || (size_t)(arena.limit - arena.cursor) < need) {
    Chunk *next = arena.current != NULL ? arena.current->next : arena.first;
    if (next == NULL || next->size < sizeof(Chunk) + need) {
      size_t wanted = sizeof(Chunk) + need;
      Chunk *fresh = malloc(wanted > chunkSize ? wanted : chunkSize);
      if (fresh == NULL) return NULL;
      fresh->size = wanted > chunkSize ? wanted : chunkSize;
      if (arena.first == NULL) pthread_setspecific(exitKey, &arena);
      Chunk **link = arena.current != NULL ? &arena.current->next : &arena.first;
      fresh->next = *link;
      *link = fresh;
      next = fresh;
    }
    arena.current = next;
    arena.cursor = next->data;
    arena.limit = (unsigned char *)next + next->size;
  }
  return place(size, need);
}

static inline void *bump(size_t size) {
  // Most of libxml2's blocks are small and fit in the current chunk: a pointer bump.
  if (size < chunkSize && arena.cursor != NULL) {
    size_t need = alignment + ((size + alignment - 1) & ~(size_t)(alignment - 1));
    if ((size_t)(arena.limit - arena.cursor) >= need) return place(size, need);
  }
  return bumpIntoNextChunk(size);
}

void *workshopkit_arena_malloc(size_t size) { return arena.active ? bump(size) : malloc(size); }

void workshopkit_arena_free(void *pointer) {
  if (pointer == NULL || owns(pointer)) return;
  free(pointer);
}

void *workshopkit_arena_realloc(void *pointer, size_t size) {
  if (pointer == NULL) return workshopkit_arena_malloc(size);
  if (!owns(pointer)) return realloc(pointer, size);
  size_t old = *(size_t *)((unsigned char *)pointer - alignment);
  // Outside a scope the block moves to the heap: libxml2 may keep it.
  void *moved = workshopkit_arena_malloc(size);
  if (moved != NULL) memcpy(moved, pointer, old < size ? old : size);
  return moved;
}

char *workshopkit_arena_strdup(const char *string) {
  size_t length = strlen(string) + 1;
  char *copy = workshopkit_arena_malloc(length);
  if (copy != NULL) memcpy(copy, string, length);
  return copy;
}

int workshopkit_arena_begin(void) {
  if (arena.active) return 0;
  pthread_once(&exitKeyOnce, makeExitKey);
  arena.active = 1;
  arena.documents = 0;
  arena.used = 0;
  arena.current = NULL;
  arena.cursor = NULL;
  arena.limit = NULL;
  return 1;
}

long workshopkit_arena_end(void) {
  if (!arena.active) return 0;
  arena.active = 0;
  if (arena.first != NULL) {
    freeChunks(arena.first->next);
    arena.first->next = NULL;
  }
  arena.current = NULL;
  arena.cursor = NULL;
  arena.limit = NULL;
  return arena.documents;
}

int workshopkit_arena_active(void) { return arena.active; }

void workshopkit_arena_adopt(void) { arena.documents += 1; }

void workshopkit_arena_release(void) { arena.documents -= 1; }

size_t workshopkit_arena_used(void) { return arena.used; }
