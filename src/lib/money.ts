/** Rounds to a millionth: drops binary floating-point noise (10.1 × 3 = 30.299999999999997), never a real price. */
export const roundMoney = (value: number): number => Math.round(value * 1e6) / 1e6;
