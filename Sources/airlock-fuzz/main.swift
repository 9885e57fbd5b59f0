print("airlock-fuzz")
