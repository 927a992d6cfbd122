void g(int x) {
	if (x == 0) x++;
	else
	if (x == 1) x++;
	else
	if (x == 2) x++;
	else
	if (x == 3) x++;
	else
	if (x == 4) x++;
	else
	if (x == 5) x++;
	else
	if (x == 6) x++;
	else
	if (x == 7) x++;
	else
	if (x == 8) x++;
	else
	if (x == 9) x++;
	else
	if (x == 10) x++;
	else
	if (x == 11) x++;
	else
	if (x == 12) x++;
	else
	if (x == 13) x++;
	else
	if (x == 14) x++;
	else
	if (x == 15) x++;
	else
	if (x == 16) x++;
	else
	if (x == 17) x++;
	else
	if (x == 18) x++;
	else
	if (x == 19) x++;
	else
	if (x == 20) x++;
	else
	if (x == 21) x++;
	else
	if (x == 22) x++;
	else
	if (x == 23) x++;
	else
	if (x == 24) x++;
	else
	if (x == 25) x++;
	else
	if (x == 26) x++;
	else
	if (x == 27) x++;
	else
	if (x == 28) x++;
	else
	if (x == 29) x++;
	else
	if (x == 30) x++;
	else
	if (x == 31) x++;
	else
	if (x == 32) x++;
	else
	if (x == 33) x++;
	else
	if (x == 34) x++;
	else
	if (x == 35) x++;
	else
	if (x == 36) x++;
	else
	if (x == 37) x++;
	else
	if (x == 38) x++;
	else
	if (x == 39) x++;
	else
	if (x == 40) x++;
	else
	if (x == 41) x++;
	else
	if (x == 42) x++;
	else
	if (x == 43) x++;
	else
	if (x == 44) x++;
	else
	if (x == 45) x++;
	else
	if (x == 46) x++;
	else
	if (x == 47) x++;
	else
	if (x == 48) x++;
	else
	if (x == 49) x++;
	else
	if (x == 50) x++;
	else
	if (x == 51) x++;
	else
	if (x == 52) x++;
	else
	if (x == 53) x++;
	else
	if (x == 54) x++;
	else
	if (x == 55) x++;
	else
	if (x == 56) x++;
	else
	if (x == 57) x++;
	else
	if (x == 58) x++;
	else
	if (x == 59) x++;
	else
	if (x == 60) x++;
	else
	if (x == 61) x++;
	else
	if (x == 62) x++;
	else
	if (x == 63) x++;
	else
	if (x == 64) x++;
	else
	if (x == 65) x++;
	else
	if (x == 66) x++;
	else
	if (x == 67) x++;
	else
	if (x == 68) x++;
	else
	if (x == 69) x++;
	else
	if (x == 70) x++;
	else
	if (x == 71) x++;
	else
	if (x == 72) x++;
	else
	if (x == 73) x++;
	else
	if (x == 74) x++;
	else
	if (x == 75) x++;
	else
	if (x == 76) x++;
	else
	if (x == 77) x++;
	else
	if (x == 78) x++;
	else
	if (x == 79) x++;
	else
	if (x == 80) x++;
	else
	if (x == 81) x++;
	else
	if (x == 82) x++;
	else
	if (x == 83) x++;
	else
	if (x == 84) x++;
	else
	if (x == 85) x++;
	else
	if (x == 86) x++;
	else
	if (x == 87) x++;
	else
	if (x == 88) x++;
	else
	if (x == 89) x++;
	else
	if (x == 90) x++;
	else
	if (x == 91) x++;
	else
	if (x == 92) x++;
	else
	if (x == 93) x++;
	else
	if (x == 94) x++;
	else
	if (x == 95) x++;
	else
	if (x == 96) x++;
	else
	if (x == 97) x++;
	else
	if (x == 98) x++;
	else
	if (x == 99) x++;
	else
	if (x == 100) x++;
	else
	if (x == 101) x++;
	else
	if (x == 102) x++;
	else
	if (x == 103) x++;
	else
	if (x == 104) x++;
	else
	if (x == 105) x++;
	else
	if (x == 106) x++;
	else
	if (x == 107) x++;
	else
	if (x == 108) x++;
	else
	if (x == 109) x++;
	else
	if (x == 110) x++;
	else
	if (x == 111) x++;
	else
	if (x == 112) x++;
	else
	if (x == 113) x++;
	else
	if (x == 114) x++;
	else
	if (x == 115) x++;
	else
	if (x == 116) x++;
	else
	if (x == 117) x++;
	else
	if (x == 118) x++;
	else
	if (x == 119) x++;
	else
	if (x == 120) x++;
	else
	if (x == 121) x++;
	else
	if (x == 122) x++;
	else
	if (x == 123) x++;
	else
	if (x == 124) x++;
	else
	if (x == 125) x++;
	else
	if (x == 126) x++;
	else
	if (x == 127) x++;
	else
	if (x == 128) x++;
	else
	if (x == 129) x++;
	else
	if (x == 130) x++;
	else
	if (x == 131) x++;
	else
	if (x == 132) x++;
	else
	if (x == 133) x++;
	else
	if (x == 134) x++;
	else
	if (x == 135) x++;
	else
	if (x == 136) x++;
	else
	if (x == 137) x++;
	else
	if (x == 138) x++;
	else
	if (x == 139) x++;
	else
	if (x == 140) x++;
	else
	if (x == 141) x++;
	else
	if (x == 142) x++;
	else
	if (x == 143) x++;
	else
	if (x == 144) x++;
	else
	if (x == 145) x++;
	else
	if (x == 146) x++;
	else
	if (x == 147) x++;
	else
	if (x == 148) x++;
	else
	if (x == 149) x++;
	else
	if (x == 150) x++;
	else
	if (x == 151) x++;
	else
	if (x == 152) x++;
	else
	if (x == 153) x++;
	else
	if (x == 154) x++;
	else
	if (x == 155) x++;
	else
	if (x == 156) x++;
	else
	if (x == 157) x++;
	else
	if (x == 158) x++;
	else
	if (x == 159) x++;
	else
	if (x == 160) x++;
	else
	if (x == 161) x++;
	else
	if (x == 162) x++;
	else
	if (x == 163) x++;
	else
	if (x == 164) x++;
	else
	if (x == 165) x++;
	else
	if (x == 166) x++;
	else
	if (x == 167) x++;
	else
	if (x == 168) x++;
	else
	if (x == 169) x++;
	else
	if (x == 170) x++;
	else
	if (x == 171) x++;
	else
	if (x == 172) x++;
	else
	if (x == 173) x++;
	else
	if (x == 174) x++;
	else
	if (x == 175) x++;
	else
	if (x == 176) x++;
	else
	if (x == 177) x++;
	else
	if (x == 178) x++;
	else
	if (x == 179) x++;
	else
	if (x == 180) x++;
	else
	if (x == 181) x++;
	else
	if (x == 182) x++;
	else
	if (x == 183) x++;
	else
	if (x == 184) x++;
	else
	if (x == 185) x++;
	else
	if (x == 186) x++;
	else
	if (x == 187) x++;
	else
	if (x == 188) x++;
	else
	if (x == 189) x++;
	else
	if (x == 190) x++;
	else
	if (x == 191) x++;
	else
	if (x == 192) x++;
	else
	if (x == 193) x++;
	else
	if (x == 194) x++;
	else
	if (x == 195) x++;
	else
	if (x == 196) x++;
	else
	if (x == 197) x++;
	else
	if (x == 198) x++;
	else
	if (x == 199) x++;
	else
	if (x == 200) x++;
	else
	if (x == 201) x++;
	else
	if (x == 202) x++;
	else
	if (x == 203) x++;
	else
	if (x == 204) x++;
	else
	if (x == 205) x++;
	else
	if (x == 206) x++;
	else
	if (x == 207) x++;
	else
	if (x == 208) x++;
	else
	if (x == 209) x++;
	else
	if (x == 210) x++;
	else
	if (x == 211) x++;
	else
	if (x == 212) x++;
	else
	if (x == 213) x++;
	else
	if (x == 214) x++;
	else
	if (x == 215) x++;
	else
	if (x == 216) x++;
	else
	if (x == 217) x++;
	else
	if (x == 218) x++;
	else
	if (x == 219) x++;
	else
	if (x == 220) x++;
	else
	if (x == 221) x++;
	else
	if (x == 222) x++;
	else
	if (x == 223) x++;
	else
	if (x == 224) x++;
	else
	if (x == 225) x++;
	else
	if (x == 226) x++;
	else
	if (x == 227) x++;
	else
	if (x == 228) x++;
	else
	if (x == 229) x++;
	else
	if (x == 230) x++;
	else
	if (x == 231) x++;
	else
	if (x == 232) x++;
	else
	if (x == 233) x++;
	else
	if (x == 234) x++;
	else
	if (x == 235) x++;
	else
	if (x == 236) x++;
	else
	if (x == 237) x++;
	else
	if (x == 238) x++;
	else
	if (x == 239) x++;
	else
	if (x == 240) x++;
	else
	if (x == 241) x++;
	else
	if (x == 242) x++;
	else
	if (x == 243) x++;
	else
	if (x == 244) x++;
	else
	if (x == 245) x++;
	else
	if (x == 246) x++;
	else
	if (x == 247) x++;
	else
	if (x == 248) x++;
	else
	if (x == 249) x++;
	else
	if (x == 250) x++;
	else
	if (x == 251) x++;
	else
	if (x == 252) x++;
	else
	if (x == 253) x++;
	else
	if (x == 254) x++;
	else
	if (x == 255) x++;
	else
	if (x == 256) x++;
	else
	if (x == 257) x++;
	else
	if (x == 258) x++;
	else
	if (x == 259) x++;
	else
	if (x == 260) x++;
	else
	if (x == 261) x++;
	else
	if (x == 262) x++;
	else
	if (x == 263) x++;
	else
	if (x == 264) x++;
	else
	if (x == 265) x++;
	else
	if (x == 266) x++;
	else
	if (x == 267) x++;
	else
	if (x == 268) x++;
	else
	if (x == 269) x++;
	else
	if (x == 270) x++;
	else
	if (x == 271) x++;
	else
	if (x == 272) x++;
	else
	if (x == 273) x++;
	else
	if (x == 274) x++;
	else
	if (x == 275) x++;
	else
	if (x == 276) x++;
	else
	if (x == 277) x++;
	else
	if (x == 278) x++;
	else
	if (x == 279) x++;
	else
	if (x == 280) x++;
	else
	if (x == 281) x++;
	else
	if (x == 282) x++;
	else
	if (x == 283) x++;
	else
	if (x == 284) x++;
	else
	if (x == 285) x++;
	else
	if (x == 286) x++;
	else
	if (x == 287) x++;
	else
	if (x == 288) x++;
	else
	if (x == 289) x++;
	else
	if (x == 290) x++;
	else
	if (x == 291) x++;
	else
	if (x == 292) x++;
	else
	if (x == 293) x++;
	else
	if (x == 294) x++;
	else
	if (x == 295) x++;
	else
	if (x == 296) x++;
	else
	if (x == 297) x++;
	else
	if (x == 298) x++;
	else
	if (x == 299) x++;
	else
		x = 0;
}
