#if X0
#if X1
#if X2
#if X3
#if X4
#if X5
#if X6
#if X7
#if X8
#if X9
#if X10
#if X11
#if X12
#if X13
#if X14
#if X15
#if X16
#if X17
#if X18
#if X19
#if X20
#if X21
#if X22
#if X23
#if X24
#if X25
#if X26
#if X27
#if X28
#if X29
#if X30
#if X31
#if X32
#if X33
#if X34
#if X35
#if X36
#if X37
#if X38
#if X39
#if X40
#if X41
#if X42
#if X43
#if X44
#if X45
#if X46
#if X47
#if X48
#if X49
#if X50
#if X51
#if X52
#if X53
#if X54
#if X55
#if X56
#if X57
#if X58
#if X59
#if X60
#if X61
#if X62
#if X63
#if X64
#if X65
#if X66
#if X67
#if X68
#if X69
#if X70
#if X71
#if X72
#if X73
#if X74
#if X75
#if X76
#if X77
#if X78
#if X79
#if X80
#if X81
#if X82
#if X83
#if X84
#if X85
#if X86
#if X87
#if X88
#if X89
#if X90
#if X91
#if X92
#if X93
#if X94
#if X95
#if X96
#if X97
#if X98
#if X99
#if X100
#if X101
#if X102
#if X103
#if X104
#if X105
#if X106
#if X107
#if X108
#if X109
#if X110
#if X111
#if X112
#if X113
#if X114
#if X115
#if X116
#if X117
#if X118
#if X119
#if X120
#if X121
#if X122
#if X123
#if X124
#if X125
#if X126
#if X127
#if X128
#if X129
#if X130
#if X131
#if X132
#if X133
#if X134
#if X135
#if X136
#if X137
#if X138
#if X139
#if X140
#if X141
#if X142
#if X143
#if X144
#if X145
#if X146
#if X147
#if X148
#if X149
#if X150
#if X151
#if X152
#if X153
#if X154
#if X155
#if X156
#if X157
#if X158
#if X159
#if X160
#if X161
#if X162
#if X163
#if X164
#if X165
#if X166
#if X167
#if X168
#if X169
#if X170
#if X171
#if X172
#if X173
#if X174
#if X175
#if X176
#if X177
#if X178
#if X179
#if X180
#if X181
#if X182
#if X183
#if X184
#if X185
#if X186
#if X187
#if X188
#if X189
#if X190
#if X191
#if X192
#if X193
#if X194
#if X195
#if X196
#if X197
#if X198
#if X199
#if X200
#if X201
#if X202
#if X203
#if X204
#if X205
#if X206
#if X207
#if X208
#if X209
#if X210
#if X211
#if X212
#if X213
#if X214
#if X215
#if X216
#if X217
#if X218
#if X219
#if X220
#if X221
#if X222
#if X223
#if X224
#if X225
#if X226
#if X227
#if X228
#if X229
#if X230
#if X231
#if X232
#if X233
#if X234
#if X235
#if X236
#if X237
#if X238
#if X239
#if X240
#if X241
#if X242
#if X243
#if X244
#if X245
#if X246
#if X247
#if X248
#if X249
#if X250
#if X251
#if X252
#if X253
#if X254
#if X255
#if X256
#if X257
#if X258
#if X259
#if X260
#if X261
#if X262
#if X263
#if X264
#if X265
#if X266
#if X267
#if X268
#if X269
#if X270
#if X271
#if X272
#if X273
#if X274
#if X275
#if X276
#if X277
#if X278
#if X279
#if X280
#if X281
#if X282
#if X283
#if X284
#if X285
#if X286
#if X287
#if X288
#if X289
#if X290
#if X291
#if X292
#if X293
#if X294
#if X295
#if X296
#if X297
#if X298
#if X299
#if X300
#if X301
#if X302
#if X303
#if X304
#if X305
#if X306
#if X307
#if X308
#if X309
#if X310
#if X311
#if X312
#if X313
#if X314
#if X315
#if X316
#if X317
#if X318
#if X319
#if X320
#if X321
#if X322
#if X323
#if X324
#if X325
#if X326
#if X327
#if X328
#if X329
#if X330
#if X331
#if X332
#if X333
#if X334
#if X335
#if X336
#if X337
#if X338
#if X339
#if X340
#if X341
#if X342
#if X343
#if X344
#if X345
#if X346
#if X347
#if X348
#if X349
#if X350
#if X351
#if X352
#if X353
#if X354
#if X355
#if X356
#if X357
#if X358
#if X359
#if X360
#if X361
#if X362
#if X363
#if X364
#if X365
#if X366
#if X367
#if X368
#if X369
#if X370
#if X371
#if X372
#if X373
#if X374
#if X375
#if X376
#if X377
#if X378
#if X379
#if X380
#if X381
#if X382
#if X383
#if X384
#if X385
#if X386
#if X387
#if X388
#if X389
#if X390
#if X391
#if X392
#if X393
#if X394
#if X395
#if X396
#if X397
#if X398
#if X399
int x;
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
#endif
