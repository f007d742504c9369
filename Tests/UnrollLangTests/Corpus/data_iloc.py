import pandas as pd
import numpy as np
df = pd.read_csv("datasets/msft_daily_1986_2017.csv").head(12)
df.iloc[-1]
df.iloc[::4, 1]
df.iloc[-3:, -2:]
df.iloc[2:5][["Open", "Close"]]
df.iloc[100]
df.iloc[0, 10]
df.iloc[[0, 2], 1]
df.iloc[1:3, [1, 4]].values
df.iloc[:, 4].to_numpy()[:3]
df.Close.iloc[2:4]
print(df.iloc[3:6, 1].iloc[0])
print(df.iloc[3:6, 1][3])
df.iloc[3:6, 1].values
len(df.iloc[3:6])
s = df["Close"]
s.shape
s[:3]
print(s.iloc[-1])
s.head(2).tolist()
np.array(df.iloc[0:3, 1:3])
df.iloc[0:3, 1:3].to_numpy().dtype
df.iloc[:3, 1:].to_numpy()
r = df.iloc[1]
print(r["Open"] * 2, r.iloc[5] + 1, r.iloc[0], r[:2].iloc[1], len(r))
df.iloc[1.5]
