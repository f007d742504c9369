s = "Hello, World"
s.upper()
s.lower()
s.split(", ")
"a b  c".split()
"-".join(["x", "y", "z"])
s.startswith("Hell")
s.replace("World", "RNN")
"  pad  ".strip()
s[0], s[-1], s[2:5], s[::-1]
"{} + {} = {}".format(1, 2, 3)
"{:.3f}".format(3.14159)
"{name} has {n:>4} items".format(name="box", n=7)
x = 3.14159
f"{x:.2f}"
f"{x:8.3f}|"
f"{42:>6}|{42:<6}|{42:^6}|"
f"{1234567.891:,.2f}"
f"{0.000123:.2e}"
f"{'hi'!r} and {'hi'}"
f"{[1, 2]} {(3,)} {None}"
f"{10:05d}"
f"{0.25:.1%}"
f"{{literal}} {x:.1f}"
name = "loss"
f"{name}: {x:.4f}"
"%d items at %.2f" % (3, 1.5)
repr("quote's")
str([1, "a"])
"abc".find("c")
"abc" in "xxabcxx"
s.foo
