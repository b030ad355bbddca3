// expect: rejected
// reason: rejected before running: compiling
// 27 doublings of a constant: the compiler would fold a 268 MB string at emit.
const string s0 = "ab";
const string s1 = s0 + s0;
const string s2 = s1 + s1;
const string s3 = s2 + s2;
const string s4 = s3 + s3;
const string s5 = s4 + s4;
const string s6 = s5 + s5;
const string s7 = s6 + s6;
const string s8 = s7 + s7;
const string s9 = s8 + s8;
const string s10 = s9 + s9;
const string s11 = s10 + s10;
const string s12 = s11 + s11;
const string s13 = s12 + s12;
const string s14 = s13 + s13;
const string s15 = s14 + s14;
const string s16 = s15 + s15;
const string s17 = s16 + s16;
const string s18 = s17 + s17;
const string s19 = s18 + s18;
const string s20 = s19 + s19;
const string s21 = s20 + s20;
const string s22 = s21 + s21;
const string s23 = s22 + s22;
const string s24 = s23 + s23;
const string s25 = s24 + s24;
const string s26 = s25 + s25;
const string s27 = s26 + s26;
Answer("value", s27.Length);
