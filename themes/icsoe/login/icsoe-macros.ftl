<#--
  Small building blocks shared by the ICSOE templates: an alert, a required text field and a
  required password field with a show/hide toggle. Every field wires its hint and error to the
  input with aria-describedby and marks it aria-invalid; errors sit in polite live regions.
-->

<#macro alert type="info" id="icsoe-alert" afterUpdate="">
    <#-- errors interrupt (role=alert); the rest is a polite status. afterUpdate: the text icsoe.js
         shows instead in a tab that has just finished a password change -->
    <div id="${id}" class="icsoe-alert icsoe-alert--${type}" role="<#if type == 'error'>alert<#else>status</#if>"<#if afterUpdate?has_content> data-icsoe-after-update-text="${afterUpdate}"</#if>>
        <p><#nested></p>
    </div>
</#macro>

<#macro ariaDescribedBy id hint error extra="">
    <#local ids = []>
    <#if hint?has_content><#local ids = ids + [id + "-hint"]></#if>
    <#if extra?has_content><#local ids = ids + [extra]></#if>
    <#if error?has_content><#local ids = ids + [id + "-error"]></#if>
    <#if ids?has_content> aria-describedby="${ids?join(' ')}"</#if></#macro>

<#macro fieldLabel for text>
    <label for="${for}" class="icsoe-label">${text}<span class="icsoe-req" aria-hidden="true">*</span>:</label>
</#macro>

<#--
  A required text input. error: the already-resolved error text (empty when none).
-->
<#macro textField id name label type="text" value="" autocomplete="off" hint="" error="" autofocus=false inputmode="">
    <div class="icsoe-field<#if error?has_content> icsoe-field--error</#if>">
        <@fieldLabel for=id text=label/>
        <#if hint?has_content><p id="${id}-hint" class="icsoe-hint">${hint}</p></#if>
        <input id="${id}" name="${name}" type="${type}" value="${value}" class="icsoe-input"
               required aria-required="true" autocomplete="${autocomplete}" spellcheck="false"<#if inputmode?has_content> inputmode="${inputmode}"</#if>
               aria-invalid="${error?has_content?c}"<@ariaDescribedBy id=id hint=hint error=error/><#if autofocus> autofocus</#if>>
        <#if error?has_content><p id="${id}-error" class="icsoe-error" aria-live="polite">${kcSanitize(error)?no_esc}</p></#if>
    </div>
</#macro>

<#--
  A required password input with a toggle button (shown by icsoe.js; hidden without scripts).
  describedBy: extra ids (e.g. the rules list) read with the field.
-->
<#macro passwordField id name label autocomplete hint="" error="" autofocus=false describedBy="">
    <div class="icsoe-field<#if error?has_content> icsoe-field--error</#if>">
        <@fieldLabel for=id text=label/>
        <#if hint?has_content><p id="${id}-hint" class="icsoe-hint">${hint}</p></#if>
        <div class="icsoe-password">
            <input id="${id}" name="${name}" type="password" class="icsoe-input"
                   required aria-required="true" autocomplete="${autocomplete}" autocapitalize="off" spellcheck="false"
                   aria-invalid="${error?has_content?c}"<@ariaDescribedBy id=id hint=hint error=error extra=describedBy/><#if autofocus> autofocus</#if>>
            <button type="button" class="icsoe-toggle" aria-controls="${id}" data-icsoe-toggle hidden
                    data-label-show="${msg('icsoeShow')}" data-label-hide="${msg('icsoeHide')}"><span class="icsoe-toggle__text">${msg('icsoeShow')}</span><span class="icsoe-sr"> ${label?lower_case}</span></button>
        </div>
        <#if error?has_content><p id="${id}-error" class="icsoe-error" aria-live="polite">${kcSanitize(error)?no_esc}</p></#if>
    </div>
</#macro>

<#--
  A required file input without a name: the file is read by a script in the page and never posted.
  Browsers label a file input in their own language ("Choose File / No file chosen"), so the native
  input is visually hidden (still focusable, still the labelled control screen readers and keyboards
  use) and a label styled as a button plus the chosen file's name (icsoe.js fills it) say it in
  Spanish. choose: the button's text; none: the text while no file is chosen.
-->
<#macro fileField id label accept choose none hint="">
    <div class="icsoe-field">
        <@fieldLabel for=id text=label/>
        <#if hint?has_content><p id="${id}-hint" class="icsoe-hint">${hint}</p></#if>
        <div class="icsoe-file">
            <input id="${id}" type="file" accept="${accept}" class="icsoe-file__input" required aria-required="true"<@ariaDescribedBy id=id hint=hint error="" extra=id + "-name"/>>
            <label for="${id}" class="icsoe-file__button">${choose}</label>
            <span id="${id}-name" class="icsoe-file__name" data-icsoe-file-name="${id}" data-none="${none}">${none}</span>
        </div>
    </div>
</#macro>
