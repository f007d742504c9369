total = 0
for i in range(10):
    if i % 2 == 0:
        continue
    if i > 7:
        break
    total += i
total
n = 0
while n < 5:
    n += 1
n
for i, c in enumerate("abc"): print(i, c)
for a, b in zip([1, 2, 3], "xyz"):
    print(a, b, sep="-", end=";")
print()
squares = [i * i for i in range(8) if i % 3 != 0]
squares
[(x, y) for x in range(3) for y in range(2) if x != y]
{k: v for k, v in [("a", 1), ("b", 2)]}
x = 5
if x < 3:
    print("small")
elif x < 10:
    print("medium")
else:
    print("large")
d = {"lr": 0.01, "epochs": 10}
d["batch"] = 32
d
for k, v in d.items(): print(k, v)
d.get("missing", "none")
list(d.keys())
a, *rest = [1, 2, 3, 4]
a, rest
out, (h, c) = 1, (2, 3)
out, h, c
nums = [5, 3, 8, 1]
nums.sort()
nums
sorted(nums, reverse=True)
sorted(["bb", "a", "ccc"], key=len)
nums.append(10)
nums.pop()
nums.insert(0, 99)
nums
nums.index(8)
del nums[0]
nums
nums[1:3] = [7, 7, 7]
nums
list(range(10, 0, -3))
len(range(0, 10, 3))
assert 1 + 1 == 2
assert 1 > 2, "one is not greater"
d["nope"]
nums[100]
