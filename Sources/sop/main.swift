print("sop")
