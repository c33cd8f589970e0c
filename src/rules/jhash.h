/* jhash.h: the kernel's jhash functions (include/linux/jhash.h). */
#ifndef UT_RULES_JHASH_H
#define UT_RULES_JHASH_H

#include <stdint.h>

/* ut_jhash2: jhash2 of length 32-bit words */
uint32_t ut_jhash2(const uint32_t *k, uint32_t length, uint32_t initval);
/* ut_jhash_1word: jhash_1word */
uint32_t ut_jhash_1word(uint32_t a, uint32_t initval);
/* ut_jhash_3words: jhash_3words */
uint32_t ut_jhash_3words(uint32_t a, uint32_t b, uint32_t c,
			 uint32_t initval);

#endif
