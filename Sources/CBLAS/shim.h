#include <cblas.h>

/* LAPACK's symmetric eigensolver (divide and conquer), which OpenBLAS builds in; declared here because
   Debian's libopenblas-dev ships no lapack.h. Fortran calling convention: every argument by pointer. */
void dsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w,
             double *work, const int *lwork, int *iwork, const int *liwork, int *info);
