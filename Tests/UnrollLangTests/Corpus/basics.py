1 + 2 * 3
7 / 2
7 // 2
-7 // 2
-7 % 3
7 % -3
2 ** 10
2 ** -1
0.1 + 0.2
1e-5
1e16
123456789.0
1 / 3
3.0
-0.0
float("inf")
1_000_000
0x1F
True + True
10 / 4 * 2
(1, 2) + (3,)
[1, 2] * 2
"ab" * 3
'it\'s'
"say \"hi\""
"tab\there"
"a" < "b" < "c"
1 < 2 > 3
not 0
None or "default"
0 and 1
3 if 2 > 1 else 4
round(2.5)
round(3.5)
round(2.675, 2)
round(-0.5)
abs(-3.5)
min(3, 1, 2)
max([4, 9, 2])
sum([1.5, 2.5])
int("42")
int(3.9)
float("1.5")
str(12) + "!"
bool([])
len("hello")
1 / 0
1 // 0
int("x")
