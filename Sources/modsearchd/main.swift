print("modsearchd: not yet")
