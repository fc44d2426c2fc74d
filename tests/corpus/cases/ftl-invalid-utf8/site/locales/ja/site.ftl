nav-home = ƒz[ƒ€
