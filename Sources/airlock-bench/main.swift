print("airlock-bench: no benchmarks yet")
