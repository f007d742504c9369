def add(a, b=10):
    return a + b
add(1)
add(1, 2)
add(b=5, a=1)
def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)
fact(20)
def nothing():
    pass
nothing()
print(nothing())
def swap(a, b): return b, a
swap(1, 2)
class Counter:
    def __init__(self, start=0):
        self.count = start
    def step(self, by=1):
        self.count += by
        return self.count
c = Counter(5)
c.step()
c.step(by=3)
c.count
class Base:
    def __init__(self, name):
        self.name = name
    def describe(self):
        return "I am " + self.name
class Child(Base):
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age
    def describe(self):
        return super().describe() + f" ({self.age})"
class Old(Base):
    def __init__(self):
        super(Old, self).__init__("old")
Child("kid", 3).describe()
Old().describe()
isinstance(Child("a", 1), Base)
isinstance(3, int), isinstance(3.0, (int, float)), isinstance("s", int)
type(3) == int
hasattr(c, "count"), hasattr(c, "nope")
getattr(c, "count")
add()
add(1, 2, 3)
add(1, c=3)
add(1, a=2)
def loop(): return loop()
loop()
undefined_name
