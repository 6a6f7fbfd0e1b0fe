#ifndef CKERNELS_H
#define CKERNELS_H

#include <stddef.h>

/// One Adam step over a parameter buffer, element by element:
///   m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  value ← value − stepSize·m / (√(v·inverseCorrection2) + ε)
/// The four buffers must not overlap. See adam_update.c for why this kernel is in C.
void dcn_adam_update(float *restrict value, const float *restrict gradient, float *restrict m, float *restrict v,
                     ptrdiff_t count, float beta1, float beta2, float epsilon, float stepSize,
                     float inverseCorrection2);

#endif
