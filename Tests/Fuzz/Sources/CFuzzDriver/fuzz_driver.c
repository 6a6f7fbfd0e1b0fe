// The declaration in include/fuzz_driver.h is defined by libFuzzer itself (-sanitize=fuzzer).
