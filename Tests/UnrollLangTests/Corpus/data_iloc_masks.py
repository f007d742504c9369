import numpy as np
import pandas as pd
df = pd.read_csv("datasets/msft_daily_1986_2017.csv").head(4)
df.iloc[[True, False, True, False]]
df.iloc[np.array([False, True, True, False]), 1]
df.iloc[[True, False]]
df.iloc[:, [True, False, False, False, True, False, False]]
df.iloc[df["Open"] > 0.07]
df["Open"].iloc[[False, True, False, True]]
